package dev.mfawatch.core;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.Notifier;
import java.time.Duration;
import java.util.Objects;

/** The configured instances a run works with. */
final class Instances {

    private Instances() {
    }

    /**
     * A monitor instance.
     *
     * @param name    the instance name
     * @param type    the provider type, or {@code custom}
     * @param monitor the monitor
     * @param timeout the time limit of one scan
     * @param maxRemovedPercent the share of a scope's accounts (0 to 100) that one scan may remove before it
     *                is held until the next scan confirms it; 0 turns the guard off
     */
    public record MonitorInstance(String name, String type, Monitor monitor, Duration timeout, int maxRemovedPercent) {
        /** The default share of {@code max-removed}. */
        public static final int DEFAULT_MAX_REMOVED_PERCENT = 50;

        /** Checks the values. */
        public MonitorInstance {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(monitor, "monitor");
            Objects.requireNonNull(timeout, "timeout");
            if (maxRemovedPercent < 0 || maxRemovedPercent > 100) {
                throw new IllegalArgumentException("maxRemovedPercent must be 0 to 100, not " + maxRemovedPercent);
            }
        }

        /**
         * An instance with the default {@code max-removed} of 50%.
         *
         * @param name    the instance name
         * @param type    the provider type, or {@code custom}
         * @param monitor the monitor
         * @param timeout the time limit of one scan
         */
        public MonitorInstance(String name, String type, Monitor monitor, Duration timeout) {
            this(name, type, monitor, timeout, DEFAULT_MAX_REMOVED_PERCENT);
        }
    }

    /**
     * A notifier instance.
     *
     * @param name     the instance name
     * @param type     the provider type, or {@code custom}
     * @param notifier the notifier
     * @param deadline the longest one delivery may take before it is abandoned and its changes parked
     */
    public record NotifierInstance(String name, String type, Notifier notifier, Duration deadline) {
        /** Checks the values. */
        public NotifierInstance {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(notifier, "notifier");
            Objects.requireNonNull(deadline, "deadline");
        }
    }
}
