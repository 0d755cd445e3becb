package dev.mfawatch.core;

import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.PendingDelivery;
import dev.mfawatch.spi.SnapshotStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store that keeps snapshots and pending deliveries in memory, lost when the process ends: for
 * tests, and for hosts that keep state themselves. Also available as {@code mfawatch.store.type=memory},
 * where it lasts for one run. Thread-safe.
 *
 * @since 0.2
 */
public final class InMemorySnapshotStore implements SnapshotStore {

    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final Map<String, PendingDelivery> pending = new LinkedHashMap<>();

    @Override
    public Optional<Snapshot> load(String monitor) {
        return Optional.ofNullable(snapshots.get(Objects.requireNonNull(monitor, "monitor")));
    }

    @Override
    public void save(Snapshot snapshot) {
        snapshots.put(snapshot.monitor(), snapshot);
    }

    @Override
    public synchronized List<PendingDelivery> pending() {
        return List.copyOf(pending.values());
    }

    @Override
    public synchronized void park(List<PendingDelivery> deliveries) {
        for (PendingDelivery d : List.copyOf(deliveries)) {
            // Replacing keeps the first position, so "oldest first" survives a retry.
            pending.put(d.key(), d);
        }
    }

    @Override
    public synchronized void acknowledge(Collection<String> keys) {
        new ArrayList<>(keys).forEach(pending::remove);
    }

    @Override
    public String toString() {
        return "InMemorySnapshotStore[monitors=" + snapshots.keySet() + "]";
    }
}
