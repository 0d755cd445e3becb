package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mfawatch.model.Change;
import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A change that a notifier instance has not received yet, kept in the store until it has.
 *
 * @param notifier the notifier instance name
 * @param change   the change, as the engine made it
 * @param parkedAt when the first delivery failed
 * @param attempts how many deliveries have failed so far, at least 1
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record PendingDelivery(String notifier, Change change, Instant parkedAt, int attempts) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if attempts is below 1
     */
    public PendingDelivery {
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(parkedAt, "parkedAt");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
        }
    }

    /**
     * The identity of this delivery: the notifier and the change's {@link Change#id()}.
     *
     * @return {@code <notifier>/<change id>}
     */
    public String key() {
        return notifier + "/" + change.id();
    }
}
