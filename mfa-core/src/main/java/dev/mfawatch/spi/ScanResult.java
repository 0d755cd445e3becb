package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mfawatch.model.SignInEvent;
import dev.mfawatch.model.Snapshot;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What one scan found: one {@link ScopeResult} per scope the monitor watches (a single-scope monitor
 * returns one, of the {@linkplain Snapshot#DEFAULT_SCOPE default scope}), and warnings.
 *
 * <p>The scopes returned are all the monitor watches now: a scope stored by an earlier run that is
 * missing here has gone (an AWS account left the organisation) and is reported so, once, never as
 * every account removed. A monitor that cannot tell which scopes exist must throw instead.
 *
 * <p>Warnings say what the scan could not do but went on without (a refused optional source, a region
 * that did not answer); they reach the run report and the log. They never hold a secret.
 *
 * @param scopes   the result of each scope, ids unique; empty when the monitor watches nothing now
 *                 (an organisation with no account left: every stored scope has gone)
 * @param warnings what the scan did without, one sentence each
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ScanResult(List<ScopeResult> scopes, List<String> warnings) {

    /**
     * Checks and copies the values.
     *
     * @throws IllegalArgumentException if a scope appears twice, or the snapshots name different monitors
     */
    public ScanResult {
        scopes = List.copyOf(scopes);
        warnings = List.copyOf(warnings);
        Set<String> ids = new HashSet<>();
        Set<String> monitors = new HashSet<>();
        for (ScopeResult s : scopes) {
            if (!ids.add(s.scope())) {
                throw new IllegalArgumentException("scope " + s.scope() + " appears twice in one scan result");
            }
            s.seenSnapshot().ifPresent(snap -> monitors.add(snap.monitor()));
        }
        if (monitors.size() > 1) {
            throw new IllegalArgumentException("the snapshots of one scan name several monitors: " + monitors);
        }
    }

    /**
     * A single-scope result with events and warnings: what 0.1 monitors returned.
     *
     * @param snapshot the new snapshot
     * @param events   sign-ins without MFA since the previous scan; a repeat of an earlier event must be left out
     * @param warnings what the scan did without
     */
    public ScanResult(Snapshot snapshot, List<SignInEvent> events, List<String> warnings) {
        this(List.of(ScopeResult.seen(snapshot, events)), warnings);
    }

    /**
     * A result with a snapshot and events, without warnings.
     *
     * @param snapshot the snapshot
     * @param events   the events
     * @return the result
     */
    public static ScanResult of(Snapshot snapshot, List<SignInEvent> events) {
        return new ScanResult(snapshot, events, List.of());
    }

    /**
     * A result with a snapshot and no events.
     *
     * @param snapshot the snapshot
     * @return the result
     */
    public static ScanResult of(Snapshot snapshot) {
        return new ScanResult(snapshot, List.of(), List.of());
    }

    /**
     * A result of several scopes.
     *
     * @param scopes   each scope's result
     * @param warnings what the scan did without
     * @return the result
     * @since 0.2
     */
    public static ScanResult ofScopes(List<ScopeResult> scopes, List<String> warnings) {
        return new ScanResult(scopes, warnings);
    }

    /**
     * The snapshot of a single-scope result, for monitors and tests that have one scope.
     *
     * @return the only scope's snapshot
     * @throws IllegalStateException if the result has several scopes or its scope failed
     */
    public Snapshot snapshot() {
        if (scopes.size() != 1 || scopes.get(0).snapshot() == null) {
            throw new IllegalStateException("this result has " + scopes.size() + " scope(s); read scopes() instead");
        }
        return Objects.requireNonNull(scopes.get(0).snapshot());
    }

    /** @return the events of every scope, in scope order */
    public List<SignInEvent> events() {
        return scopes.stream().flatMap(s -> s.events().stream()).toList();
    }
}
