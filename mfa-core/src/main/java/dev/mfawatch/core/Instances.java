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
     */
    public record MonitorInstance(String name, String type, Monitor monitor, Duration timeout) {
        /** Checks the values. */
        public MonitorInstance {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(monitor, "monitor");
            Objects.requireNonNull(timeout, "timeout");
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
