package dev.mfawatch.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one notifier instance fared in a run.
 *
 * @param notifier  the instance name
 * @param type      the provider type, or {@code custom} for a notifier handed to the builder
 * @param delivered how many changes arrived, counting late ones
 * @param late      how many of the delivered changes were pending from an earlier run
 * @param parked    how many changes are left pending for this notifier after the run
 * @param error     what went wrong, with secrets removed, or {@code null} if delivery succeeded
 * @since 0.1
 */
public record DeliveryOutcome(String notifier, String type, int delivered, int late, int parked,
                              @Nullable String error) {

    /** Checks the values. */
    public DeliveryOutcome {
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(type, "type");
    }

    /** @return whether this notifier's delivery failed */
    public boolean failed() {
        return error != null;
    }
}
