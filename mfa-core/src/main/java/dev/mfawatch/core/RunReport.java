package dev.mfawatch.core;

import dev.mfawatch.model.Change;
import dev.mfawatch.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one run did: the changes it found, how each monitor and notifier fared, and what is still
 * waiting for delivery. Returned to the host; the command line prints it.
 *
 * @param startedAt   when the run started
 * @param finishedAt  when it finished
 * @param monitors    one outcome per monitor instance, in the order they were configured
 * @param changes     the changes found by this run's scans, per monitor in configuration order
 * @param deliveries  one outcome per notifier instance that had something to deliver
 * @param pending     deliveries still waiting in the store after the run, or -1 if they could not be read
 *                    (a failure says why; never a false 0)
 * @param deadLetters deliveries given up on, waiting for {@code mfa-watch deliveries retry} or
 *                    {@code drop}, or -1 if they could not be read; while there are any, the run fails
 * @param failures    every failure of the run, one sentence each, secrets removed
 * @param warnings    what the run noticed but is no failure (an exemption that matches nothing), one sentence each
 * @since 0.1
 */
public record RunReport(Instant startedAt, Instant finishedAt, List<MonitorOutcome> monitors, List<Change> changes,
                        List<DeliveryOutcome> deliveries, int pending, int deadLetters, List<String> failures,
                        List<String> warnings) {

    /** Checks and copies the values. */
    public RunReport {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        monitors = List.copyOf(monitors);
        changes = List.copyOf(changes);
        deliveries = List.copyOf(deliveries);
        failures = List.copyOf(failures);
        warnings = List.copyOf(warnings);
    }

    /** @return whether any monitor, notifier or the store failed */
    public boolean failed() {
        return !failures.isEmpty();
    }

    /**
     * The changes at or above a severity.
     *
     * @param min the least severity
     * @return those changes, in report order
     */
    public List<Change> changesAtLeast(Severity min) {
        return changes.stream().filter(c -> c.severity().isAtLeast(min)).toList();
    }

    /**
     * The outcome of one monitor.
     *
     * @param name the instance name
     * @return the outcome
     * @throws IllegalArgumentException if no monitor of that name ran
     */
    public MonitorOutcome monitor(String name) {
        return monitors.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no monitor named " + name + " in this run"));
    }

    /** @return how long the run took */
    public Duration took() {
        return Duration.between(startedAt, finishedAt);
    }
}
