package dev.mfawatch.core;

import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.MfaState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one monitor instance fared in a run.
 *
 * @param name       the instance name
 * @param type       the provider type, or {@code custom} for a monitor handed to the builder
 * @param status     how it ended
 * @param baseline   whether this was the monitor's first run (no stored snapshot)
 * @param accounts   the number of accounts in the new snapshot, or in the kept one if the scan failed
 * @param withoutMfa how many of those can be used without MFA and are not exempt
 * @param changes    the number of changes the scan produced
 * @param took       how long the scan took (up to the time limit)
 * @param error      what went wrong, with secrets removed, or {@code null} when {@code status} is OK
 * @param warnings   what the scan went on without (see {@link dev.mfawatch.spi.ScanResult#warnings()}), secrets removed
 * @param rule       what the monitor checks
 * @param byState    how many accounts are in each MFA state (of the same snapshot as {@code accounts})
 * @param exempt     how many accounts without MFA an exemption covers (counted apart from {@code withoutMfa})
 * @param scopes     how each scope fared, sorted by id; one ({@code default}) for a single-scope monitor;
 *                   the counts above add up those of the scopes that are not gone
 * @since 0.1
 */
public record MonitorOutcome(String name, String type, MonitorStatus status, boolean baseline, int accounts,
                             int withoutMfa, int changes, Duration took, @Nullable String error, List<String> warnings,
                             FindingRule rule, Map<MfaState, Integer> byState, int exempt, List<ScopeOutcome> scopes) {

    /** Checks the values. */
    public MonitorOutcome {
        byState = Map.copyOf(byState);
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(rule, "rule");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(took, "took");
        if ((status == MonitorStatus.OK) != (error == null)) {
            throw new IllegalArgumentException("an error goes with a failed monitor, and only with one");
        }
    }

    /** @return the names of the accounts without MFA that no exemption covers, of every scope not gone */
    public List<String> withoutMfaNames() {
        return scopes.stream().filter(s -> s.status() != ScopeStatus.GONE).flatMap(s -> s.withoutMfaNames().stream()).toList();
    }

    /** @return whether the monitor has more than its default scope, so outputs show a scope column */
    public boolean scoped() {
        return scopes.size() > 1 || scopes.stream().anyMatch(s -> !s.id().equals(dev.mfawatch.model.Snapshot.DEFAULT_SCOPE));
    }
}
