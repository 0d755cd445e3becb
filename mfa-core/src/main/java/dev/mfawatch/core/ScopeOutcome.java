package dev.mfawatch.core;

import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.Names;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one scope of a monitor fared in a run.
 *
 * @param id         the scope id
 * @param status     how it ended
 * @param baseline   whether this was the scope's first scan
 * @param accounts   the accounts in its new snapshot, or in the kept one if it failed or has gone
 * @param withoutMfa how many of those can be used without MFA and are not exempt
 * @param exempt     how many without MFA an exemption covers
 * @param changes    how many changes it raised
 * @param error      what went wrong, secrets removed, or {@code null} unless it failed
 * @param byState    how many of its accounts are in each MFA state
 * @param withoutMfaNames the names of the accounts counted in {@code withoutMfa}, as the service spells
 *                   them, sorted by account id
 * @since 0.2
 */
public record ScopeOutcome(String id, ScopeStatus status, boolean baseline, int accounts, int withoutMfa, int exempt,
                           int changes, @Nullable String error, Map<MfaState, Integer> byState, List<String> withoutMfaNames) {

    /** Checks the values. */
    public ScopeOutcome {
        byState = Map.copyOf(byState);
        withoutMfaNames = List.copyOf(withoutMfaNames);
        Names.checkScope(Objects.requireNonNull(id, "id"));
        Objects.requireNonNull(status, "status");
        if ((status == ScopeStatus.FAILED || status == ScopeStatus.TIMEOUT) != (error != null)) {
            throw new IllegalArgumentException("scope " + id + ": an error goes with a failed scope, and only with one");
        }
    }
}
