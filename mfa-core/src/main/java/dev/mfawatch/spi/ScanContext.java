package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mfawatch.model.Snapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Monitor} gets for one scan.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ScanContext {

    private final String monitorName;
    private final Map<String, Snapshot> previous;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Instant deadline;

    private ScanContext(String monitorName, Map<String, Snapshot> previous, Clock clock, Sleeper sleeper, Instant deadline) {
        this.monitorName = Objects.requireNonNull(monitorName, "monitorName");
        this.previous = Collections.unmodifiableMap(new TreeMap<>(previous));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
    }

    /**
     * Makes a context; the run does this, and so may a test of a monitor.
     *
     * @param monitorName the instance name the snapshot must carry
     * @param previous    the stored snapshot, or {@code null} on the first run
     * @param clock       the clock to stamp the snapshot with
     * @param deadline    when the run stops waiting for this scan
     * @return the context
     */
    public static ScanContext of(String monitorName, @Nullable Snapshot previous, Clock clock, Instant deadline) {
        return new ScanContext(monitorName, byScope(previous), clock, Sleeper.system(), deadline);
    }

    /**
     * Makes a context with a sleeper of the caller's, e.g. one that moves a test clock.
     *
     * @param monitorName the instance name the snapshot must carry
     * @param previous    the stored snapshot, or {@code null} on the first run
     * @param clock       the clock to stamp the snapshot with
     * @param sleeper     how the scan waits (polling, rate limits)
     * @param deadline    when the run stops waiting for this scan
     * @return the context
     * @since 0.2
     */
    public static ScanContext of(String monitorName, @Nullable Snapshot previous, Clock clock, Sleeper sleeper, Instant deadline) {
        return new ScanContext(monitorName, byScope(previous), clock, sleeper, deadline);
    }

    /**
     * Makes a context for a monitor of several scopes; the run does this.
     *
     * @param monitorName the instance name the snapshots must carry
     * @param previous    the stored snapshot of each scope, by scope id; empty on the first run
     * @param clock       the clock to stamp snapshots with
     * @param sleeper     how the scan waits
     * @param deadline    when the run stops waiting for this scan
     * @return the context
     * @since 0.2
     */
    public static ScanContext ofScopes(String monitorName, Map<String, Snapshot> previous, Clock clock, Sleeper sleeper,
                                       Instant deadline) {
        return new ScanContext(monitorName, previous, clock, sleeper, deadline);
    }

    private static Map<String, Snapshot> byScope(@Nullable Snapshot previous) {
        return previous == null ? Map.of() : Map.of(previous.scope(), previous);
    }

    /** @return the instance name, which the returned snapshot must carry */
    public String monitorName() {
        return monitorName;
    }

    /** @return the default scope's snapshot stored by the last successful scan (its cursor, its accounts' ages), or empty */
    public Optional<Snapshot> previous() {
        return previous(Snapshot.DEFAULT_SCOPE);
    }

    /**
     * The snapshot of one scope stored by its last successful scan.
     *
     * @param scope the scope id
     * @return the snapshot, or empty if the scope is new
     * @since 0.2
     */
    public Optional<Snapshot> previous(String scope) {
        return Optional.ofNullable(previous.get(scope));
    }

    /**
     * The scopes with a stored snapshot, sorted: a monitor that pages through its scopes can tell
     * the new ones.
     *
     * @return the scope ids
     * @since 0.2
     */
    public Set<String> previousScopes() {
        return previous.keySet();
    }

    /** @return the clock to stamp the snapshot and to measure windows with */
    public Clock clock() {
        return clock;
    }

    /** @return how to wait (polling, rate limits), so a test can move time instead of waiting */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** @return when the run stops waiting for this scan; long calls should not start past it */
    public Instant deadline() {
        return deadline;
    }
}
