package dev.mfawatch.core;

import dev.mfawatch.core.Instances.MonitorInstance;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.Snapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One monitor's part of a run, as it stands after a step. Immutable: every step of the pipeline
 * returns a new value, so each can be tested alone from the values it is given.
 *
 * @param instance the monitor instance
 * @param rule     what it checks
 * @param previous the stored snapshot of each scope, by scope id
 * @param status   how the monitor's part stands
 * @param error    what went wrong, or {@code null}
 * @param took     how long the scan took
 * @param warnings what the scan did without
 * @param scopes   each scope's state, by scope id; empty until the scan's result is compared
 */
record MonitorRun(MonitorInstance instance, FindingRule rule, Map<String, Snapshot> previous, MonitorStatus status,
                  @Nullable String error, Duration took, List<String> warnings, Map<String, ScopeState> scopes) {

    MonitorRun {
        Objects.requireNonNull(instance, "instance");
        previous = java.util.Collections.unmodifiableMap(new TreeMap<>(previous));
        warnings = List.copyOf(warnings);
        scopes = java.util.Collections.unmodifiableMap(new TreeMap<>(scopes));
    }

    /** One scope's state. */
    record ScopeState(String id, @Nullable Snapshot previous, @Nullable Snapshot now, List<Change> changes, ScopeStatus status,
                      @Nullable String error, int exempt) {

        ScopeState {
            changes = List.copyOf(changes);
        }

        static ScopeState gone(String id, Snapshot previous) {
            return new ScopeState(id, previous, null, List.of(), ScopeStatus.GONE, null, 0);
        }

        ScopeState failed(ScopeStatus why, String message) {
            return new ScopeState(id, previous, null, List.of(), why, message, exempt);
        }
    }

    /** A monitor about to run: its rule resolved, nothing loaded yet. */
    static MonitorRun start(MonitorInstance instance, FindingRule rule) {
        return new MonitorRun(instance, rule, Map.of(), MonitorStatus.OK, null, Duration.ZERO, List.of(), Map.of());
    }

    String name() {
        return instance.name();
    }

    MonitorRun withPrevious(Map<String, Snapshot> stored) {
        return new MonitorRun(instance, rule, stored, status, error, took, warnings, scopes);
    }

    MonitorRun withScan(Duration scanTook, List<String> scanWarnings) {
        return new MonitorRun(instance, rule, previous, status, error, scanTook, scanWarnings, scopes);
    }

    MonitorRun withScopes(Map<String, ScopeState> newScopes, MonitorStatus newStatus, @Nullable String newError) {
        return new MonitorRun(instance, rule, previous, newStatus, newError, took, warnings, newScopes);
    }

    /** The whole monitor failed: every stored scope keeps its snapshot and raises nothing. */
    MonitorRun failed(MonitorStatus why, String message) {
        ScopeStatus scopeWhy = why == MonitorStatus.TIMEOUT ? ScopeStatus.TIMEOUT : ScopeStatus.FAILED;
        Map<String, ScopeState> kept = new TreeMap<>();
        previous.forEach((id, snap) -> kept.put(id, new ScopeState(id, snap, null, List.of(), scopeWhy, message, 0)));
        return new MonitorRun(instance, rule, previous, why, message, took, warnings, kept);
    }

    List<Change> changes() {
        return scopes.values().stream().flatMap(st -> st.changes().stream()).toList();
    }
}
