package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mfawatch.model.Snapshot;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Keeps what a run needs from the last one: a snapshot per monitor scope, the deliveries a notifier
 * could not take yet, and a history of every run.
 *
 * <p><b>One locking rule for every store.</b> A run takes the {@linkplain #lease() writer lease} before
 * it loads and gives it back after it saved; nothing holds it between runs. Every write
 * ({@link #save}, {@link #retire}, {@link #park}, {@link #acknowledge}, {@link #appendHistory},
 * {@link #pruneHistory}) needs the lease and fails with {@code IllegalStateException} without it.
 * Reads need none and see, for each item, either the state before a write or after it, never a mix:
 * a report may run while another process runs.
 *
 * <p>Every write is all or nothing: after a crash the store holds either the old or the new state.
 * What a store cannot read it reports with {@link dev.mfawatch.model.SnapshotStoreException} and
 * never overwrites or deletes. A store object may be used from several threads.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface SnapshotStore extends AutoCloseable {

    /**
     * Takes the writer lease: this store object may write until the lease is closed.
     *
     * @return the lease, to be closed when the run has saved
     * @throws dev.mfawatch.model.SnapshotStoreException if another writer holds it, this store object
     *                                                   included (the message says where), or it
     *                                                   cannot be taken
     * @since 0.2
     */
    WriterLease lease();

    /**
     * The last saved snapshot of a monitor's scope.
     *
     * @param monitor the instance name
     * @param scope   the scope id
     * @return the snapshot, or empty if none was ever saved
     * @throws dev.mfawatch.model.SnapshotStoreException if it exists but cannot be read
     * @since 0.2
     */
    Optional<Snapshot> load(String monitor, String scope);

    /**
     * The last saved snapshot of a monitor's default scope.
     *
     * @param monitor the instance name
     * @return the snapshot, or empty if none was ever saved
     * @throws dev.mfawatch.model.SnapshotStoreException if it exists but cannot be read
     */
    default Optional<Snapshot> load(String monitor) {
        return load(monitor, Snapshot.DEFAULT_SCOPE);
    }

    /**
     * The scopes of a monitor that have a saved snapshot.
     *
     * @param monitor the instance name
     * @return the scope ids, sorted
     * @throws dev.mfawatch.model.SnapshotStoreException if they cannot be listed
     * @since 0.2
     */
    List<String> scopes(String monitor);

    /**
     * Replaces the snapshot of {@code snapshot.monitor()} and {@code snapshot.scope()}, atomically.
     * Needs the lease.
     *
     * @param snapshot the new snapshot
     * @throws dev.mfawatch.model.SnapshotStoreException if it could not be written; the old one is then intact
     */
    void save(Snapshot snapshot);

    /**
     * Forgets a scope that its monitor no longer watches, so it is reported gone once and a later
     * return starts a fresh baseline. Unknown scopes are ignored. Needs the lease.
     *
     * @param monitor the instance name
     * @param scope   the scope id
     * @throws dev.mfawatch.model.SnapshotStoreException if it could not be removed
     * @since 0.2
     */
    void retire(String monitor, String scope);

    /**
     * The mark of a scan of this scope that was held back because it would have removed more accounts
     * than the monitor's {@code max-removed} allows, or empty. The next scan that would remove the same
     * accounts finds the same mark and is let through: that is its confirmation.
     *
     * @param monitor the instance name
     * @param scope   the scope id
     * @return the mark, an opaque string of at most 128 characters
     * @throws dev.mfawatch.model.SnapshotStoreException if it cannot be read
     * @since 0.2
     */
    Optional<String> heldRemoval(String monitor, String scope);

    /**
     * Records (or, with {@code null}, forgets) the mark of a held scan. {@link #retire} forgets it too.
     * Needs the lease.
     *
     * @param monitor the instance name
     * @param scope   the scope id
     * @param mark    the mark, at most 128 characters, or {@code null} to forget it
     * @throws dev.mfawatch.model.SnapshotStoreException if it cannot be written
     * @since 0.2
     */
    void holdRemoval(String monitor, String scope, @org.jspecify.annotations.Nullable String mark);

    /**
     * The deliveries parked by earlier runs, oldest first.
     *
     * @return the pending deliveries
     * @throws dev.mfawatch.model.SnapshotStoreException if they cannot be read
     */
    List<PendingDelivery> pending();

    /**
     * Adds deliveries to the pending ones, atomically. A delivery whose {@link PendingDelivery#key()}
     * is already pending replaces it. Needs the lease.
     *
     * @param deliveries the deliveries to keep
     * @throws dev.mfawatch.model.SnapshotStoreException if they could not be written; nothing is then added
     */
    void park(List<PendingDelivery> deliveries);

    /**
     * Removes delivered ones from the pending deliveries, atomically. Unknown keys are ignored. Needs
     * the lease.
     *
     * @param keys the {@link PendingDelivery#key()}s that were delivered
     * @throws dev.mfawatch.model.SnapshotStoreException if the change could not be written
     */
    void acknowledge(Collection<String> keys);

    /**
     * The deliveries given up on: parked too often ({@code mfawatch.delivery.max-attempts}) or too
     * long ({@code mfawatch.delivery.max-age}). They stay until retried or dropped, and every run
     * reports them.
     *
     * @return the dead letters, oldest first
     * @throws dev.mfawatch.model.SnapshotStoreException if they cannot be read
     * @since 0.2
     */
    List<PendingDelivery> deadLetters();

    /**
     * Moves pending deliveries to the dead letters, atomically. Unknown keys are ignored. Needs the lease.
     *
     * @param keys the {@link PendingDelivery#key()}s to give up on
     * @throws dev.mfawatch.model.SnapshotStoreException if it could not be written; nothing then moved
     * @since 0.2
     */
    void bury(Collection<String> keys);

    /**
     * Moves dead letters back to the pending deliveries, to be tried again by the next run with their
     * attempts and age counted afresh. Unknown keys are ignored. Needs the lease.
     *
     * @param keys the keys of the dead letters to retry
     * @param now  their new parking time
     * @throws dev.mfawatch.model.SnapshotStoreException if it could not be written; nothing then moved
     * @since 0.2
     */
    void revive(Collection<String> keys, Instant now);

    /**
     * Forgets dead letters for good. Unknown keys are ignored. Needs the lease.
     *
     * @param keys the keys of the dead letters to drop
     * @throws dev.mfawatch.model.SnapshotStoreException if it could not be written
     * @since 0.2
     */
    void dropDeadLetters(Collection<String> keys);

    /**
     * Adds one run's records to the history, all or nothing. Needs the lease.
     *
     * @param records the records, one per monitor scope the run scanned
     * @throws dev.mfawatch.model.SnapshotStoreException if they could not be written
     * @since 0.2
     */
    void appendHistory(List<HistoryRecord> records);

    /**
     * The history of a monitor within a time range, oldest first.
     *
     * @param monitor the instance name
     * @param from    the earliest time, inclusive
     * @param to      the latest time, exclusive
     * @return the records of every scope of the monitor in that range
     * @throws dev.mfawatch.model.SnapshotStoreException if the history cannot be read
     * @since 0.2
     */
    List<HistoryRecord> history(String monitor, Instant from, Instant to);

    /**
     * The history of several monitors within a time range, oldest first: what a report over every
     * monitor reads. The default asks {@link #history(String, Instant, Instant)} once per monitor; a
     * store that keeps all monitors' history together should read it once.
     *
     * @param monitors the instance names
     * @param from     the earliest time, inclusive
     * @param to       the latest time, exclusive
     * @return the records of every scope of those monitors in that range
     * @throws dev.mfawatch.model.SnapshotStoreException if the history cannot be read
     * @since 0.2
     */
    default List<HistoryRecord> history(Collection<String> monitors, Instant from, Instant to) {
        List<HistoryRecord> out = new java.util.ArrayList<>();
        for (String monitor : new java.util.LinkedHashSet<>(monitors)) {
            out.addAll(history(monitor, from, to));
        }
        out.sort(java.util.Comparator.comparing(HistoryRecord::at));
        return out;
    }

    /**
     * Drops history older than a time ({@code mfawatch.history.keep} before now). A store may keep a
     * little more (a file store drops whole months). Needs the lease.
     *
     * @param before records at or after this time are kept
     * @throws dev.mfawatch.model.SnapshotStoreException if it could not be done
     * @since 0.2
     */
    void pruneHistory(Instant before);

    /** Releases the store; a lease still held is given back. Idempotent; the default does nothing. */
    @Override
    default void close() {
    }

    /**
     * The right to write, held from a run's load to its save. Closing it is idempotent.
     *
     * @since 0.2
     */
    interface WriterLease extends AutoCloseable {
        /** Gives the lease back. */
        @Override
        void close();
    }
}
