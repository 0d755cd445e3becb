package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mfawatch.core.Change;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Tells people about changes: a Slack channel, a webhook, a log.
 *
 * <p>Called on the run's thread, at most once per run, with every change of the run that is due for
 * this notifier: first the ones a failed earlier delivery left pending (marked
 * {@link Change#delayed()}), then the new ones. Delivery is at-least-once: if this method throws, the
 * changes are kept and handed over again in the next run, so a notifier should make a repeat
 * recognisable (each change has a stable {@link Change#id()}). A notifier filters by its own
 * settings (e.g. a minimum severity) and keeps its own time limits.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Notifier extends AutoCloseable {

    /**
     * Delivers the changes.
     *
     * @param changes the changes, never empty, in the engine's order
     * @throws dev.mfawatch.core.NotifierException if some or all did not arrive; it may name the ones
     *                                             that did not, so those that did are not re-sent
     */
    void deliver(List<Change> changes);

    /** Releases what the notifier holds. Called once; the default does nothing. */
    @Override
    default void close() {
    }
}
