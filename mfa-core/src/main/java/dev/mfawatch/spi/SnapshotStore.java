package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mfawatch.model.Snapshot;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Keeps the last snapshot of each monitor instance, and the deliveries that a notifier could not
 * make yet.
 *
 * <p>Called from one thread at a time (the run's). Every write is all or nothing: after a crash
 * the store holds either the old or the new state, never a mix. What a store cannot read it reports
 * with {@link dev.mfawatch.model.SnapshotStoreException} and never overwrites or deletes.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface SnapshotStore extends AutoCloseable {

    /**
     * The last saved snapshot of a monitor instance.
     *
     * @param monitor the instance name
     * @return the snapshot, or empty if none was ever saved
     * @throws dev.mfawatch.model.SnapshotStoreException if it exists but cannot be read
     */
    Optional<Snapshot> load(String monitor);

    /**
     * Replaces the snapshot of {@code snapshot.monitor()}, atomically.
     *
     * @param snapshot the new snapshot
     * @throws dev.mfawatch.model.SnapshotStoreException if it could not be written; the old one is then intact
     */
    void save(Snapshot snapshot);

    /**
     * The deliveries parked by earlier runs, oldest first.
     *
     * @return the pending deliveries
     * @throws dev.mfawatch.model.SnapshotStoreException if they cannot be read
     */
    List<PendingDelivery> pending();

    /**
     * Adds deliveries to the pending ones, atomically. A delivery whose {@link PendingDelivery#key()}
     * is already pending replaces it.
     *
     * @param deliveries the deliveries to keep
     * @throws dev.mfawatch.model.SnapshotStoreException if they could not be written; nothing is then added
     */
    void park(List<PendingDelivery> deliveries);

    /**
     * Removes delivered ones from the pending deliveries, atomically. Unknown keys are ignored.
     *
     * @param keys the {@link PendingDelivery#key()}s that were delivered
     * @throws dev.mfawatch.model.SnapshotStoreException if the change could not be written
     */
    void acknowledge(Collection<String> keys);

    /** Releases the store (and any lock it holds). Idempotent; the default does nothing. */
    @Override
    default void close() {
    }
}
