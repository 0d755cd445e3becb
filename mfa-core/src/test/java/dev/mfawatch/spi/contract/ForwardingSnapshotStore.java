package dev.mfawatch.spi.contract;

import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.HistoryRecord;
import dev.mfawatch.spi.PendingDelivery;
import dev.mfawatch.spi.SnapshotStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** A store that hands every call to another: tests override the calls they want to break or watch. */
public class ForwardingSnapshotStore implements SnapshotStore {

    /** The store every call goes to. */
    protected final SnapshotStore inner;

    /**
     * Wraps a store.
     *
     * @param inner the store every call goes to
     */
    public ForwardingSnapshotStore(SnapshotStore inner) {
        this.inner = inner;
    }

    @Override
    public WriterLease lease() {
        return inner.lease();
    }

    @Override
    public Optional<Snapshot> load(String monitor, String scope) {
        return inner.load(monitor, scope);
    }

    @Override
    public List<String> scopes(String monitor) {
        return inner.scopes(monitor);
    }

    @Override
    public void save(Snapshot snapshot) {
        inner.save(snapshot);
    }

    @Override
    public void retire(String monitor, String scope) {
        inner.retire(monitor, scope);
    }

    @Override
    public java.util.Optional<String> heldRemoval(String monitor, String scope) {
        return inner.heldRemoval(monitor, scope);
    }

    @Override
    public void holdRemoval(String monitor, String scope, @org.jspecify.annotations.Nullable String mark) {
        inner.holdRemoval(monitor, scope, mark);
    }

    @Override
    public List<PendingDelivery> pending() {
        return inner.pending();
    }

    @Override
    public void park(List<PendingDelivery> deliveries) {
        inner.park(deliveries);
    }

    @Override
    public void acknowledge(Collection<String> keys) {
        inner.acknowledge(keys);
    }

    @Override
    public List<PendingDelivery> deadLetters() {
        return inner.deadLetters();
    }

    @Override
    public void bury(Collection<String> keys) {
        inner.bury(keys);
    }

    @Override
    public void revive(Collection<String> keys, Instant now) {
        inner.revive(keys, now);
    }

    @Override
    public void dropDeadLetters(Collection<String> keys) {
        inner.dropDeadLetters(keys);
    }

    @Override
    public void appendHistory(List<HistoryRecord> records) {
        inner.appendHistory(records);
    }

    @Override
    public List<HistoryRecord> history(String monitor, Instant from, Instant to) {
        return inner.history(monitor, from, to);
    }

    @Override
    public void pruneHistory(Instant before) {
        inner.pruneHistory(before);
    }

    @Override
    public void close() {
        inner.close();
    }
}
