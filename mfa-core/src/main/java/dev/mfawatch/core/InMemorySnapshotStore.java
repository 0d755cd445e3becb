package dev.mfawatch.core;

import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.SnapshotStoreException;
import dev.mfawatch.spi.HistoryRecord;
import dev.mfawatch.spi.PendingDelivery;
import dev.mfawatch.spi.SnapshotStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A store that keeps snapshots and pending deliveries in memory, lost when the process ends: for
 * tests, and for hosts that keep state themselves. Also available as {@code mfawatch.store.type=memory},
 * where it lasts for one run. Thread-safe.
 *
 * @since 0.2
 */
public final class InMemorySnapshotStore implements SnapshotStore {

    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final Map<String, String> held = new ConcurrentHashMap<>();
    private final Map<String, PendingDelivery> pending = new LinkedHashMap<>();
    private final Map<String, PendingDelivery> dead = new LinkedHashMap<>();
    private final List<HistoryRecord> history = new ArrayList<>();
    private final AtomicReference<@Nullable Object> leaseHolder = new AtomicReference<>();

    /** Makes an empty store. */
    public InMemorySnapshotStore() {
    }

    private static String key(String monitor, String scope) {
        return Objects.requireNonNull(monitor, "monitor") + "\n" + Objects.requireNonNull(scope, "scope");
    }

    @Override
    public WriterLease lease() {
        Object token = new Object();
        if (!leaseHolder.compareAndSet(null, token)) {
            throw new SnapshotStoreException("another run holds the writer lease of this in-memory store; "
                    + "one MfaWatch runs one run at a time", null);
        }
        // Closing gives back only this lease, never one taken after it.
        return () -> leaseHolder.compareAndSet(token, null);
    }

    private void writing() {
        if (leaseHolder.get() == null) {
            throw new IllegalStateException("writing to the store needs its writer lease: call lease() first");
        }
    }

    @Override
    public Optional<Snapshot> load(String monitor, String scope) {
        return Optional.ofNullable(snapshots.get(key(monitor, scope)));
    }

    @Override
    public List<String> scopes(String monitor) {
        return snapshots.values().stream().filter(s -> s.monitor().equals(monitor)).map(Snapshot::scope).sorted().toList();
    }

    @Override
    public void save(Snapshot snapshot) {
        writing();
        snapshots.put(key(snapshot.monitor(), snapshot.scope()), snapshot);
    }

    @Override
    public void retire(String monitor, String scope) {
        writing();
        snapshots.remove(key(monitor, scope));
        held.remove(key(monitor, scope));
    }

    @Override
    public Optional<String> heldRemoval(String monitor, String scope) {
        return Optional.ofNullable(held.get(key(monitor, scope)));
    }

    @Override
    public void holdRemoval(String monitor, String scope, @Nullable String mark) {
        writing();
        if (mark == null) {
            held.remove(key(monitor, scope));
        } else {
            held.put(key(monitor, scope), mark);
        }
    }

    @Override
    public synchronized List<PendingDelivery> pending() {
        return List.copyOf(pending.values());
    }

    @Override
    public synchronized void park(List<PendingDelivery> deliveries) {
        writing();
        for (PendingDelivery d : List.copyOf(deliveries)) {
            // Replacing keeps the first position, so "oldest first" survives a retry.
            pending.put(d.key(), d);
        }
    }

    @Override
    public synchronized void acknowledge(Collection<String> keys) {
        writing();
        new ArrayList<>(keys).forEach(pending::remove);
    }

    @Override
    public synchronized List<PendingDelivery> deadLetters() {
        return List.copyOf(dead.values());
    }

    @Override
    public synchronized void bury(Collection<String> keys) {
        writing();
        for (String key : List.copyOf(keys)) {
            PendingDelivery d = pending.remove(key);
            if (d != null) {
                dead.put(key, d);
            }
        }
    }

    @Override
    public synchronized void revive(Collection<String> keys, Instant now) {
        writing();
        for (String key : List.copyOf(keys)) {
            PendingDelivery d = dead.remove(key);
            if (d != null) {
                pending.put(key, new PendingDelivery(d.notifier(), d.change(), now, 1));
            }
        }
    }

    @Override
    public synchronized void dropDeadLetters(Collection<String> keys) {
        writing();
        List.copyOf(keys).forEach(dead::remove);
    }

    @Override
    public synchronized void appendHistory(List<HistoryRecord> records) {
        writing();
        history.addAll(List.copyOf(records));
    }

    @Override
    public synchronized List<HistoryRecord> history(String monitor, Instant from, Instant to) {
        return history.stream().filter(r -> r.monitor().equals(monitor) && !r.at().isBefore(from) && r.at().isBefore(to))
                .sorted(Comparator.comparing(HistoryRecord::at)).toList();
    }

    @Override
    public synchronized void pruneHistory(Instant before) {
        writing();
        history.removeIf(r -> r.at().isBefore(before));
    }

    /** Gives back a lease still held; the state stays, for a host that keeps this object. */
    @Override
    public void close() {
        leaseHolder.set(null);
    }

    @Override
    public String toString() {
        return "InMemorySnapshotStore[snapshots=" + snapshots.size() + "]";
    }
}
