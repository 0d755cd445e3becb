package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mfawatch.model.Change;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
     * @throws dev.mfawatch.model.NotifierException if some or all did not arrive; it may name the ones
     *                                             that did not, so those that did are not re-sent
     */
    void deliver(List<Change> changes);

    /** Releases what the notifier holds. Called once; the default does nothing. */
    @Override
    default void close() {
    }

    /**
     * A short reference for one message of a batch of changes: the same whenever the same changes are
     * sent again, so a reader can tell a re-sent message from a new one.
     *
     * @param changes the changes in the message, never {@code null}
     * @param part    the message's number within the batch, from 1
     * @return 8 lower-case hex characters
     * @since 0.2
     */
    static String batchRef(List<Change> changes, int part) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            changes.forEach(c -> d.update(c.id().getBytes(StandardCharsets.UTF_8)));
            d.update(("part" + part).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest(), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
