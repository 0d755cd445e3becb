package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mfawatch.model.Names;
import dev.mfawatch.model.SignInEvent;
import dev.mfawatch.model.Snapshot;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a scan found in one scope: a snapshot and the events since the previous scan, or the reason
 * this scope could not be read. A failed scope keeps its stored snapshot while the monitor's other
 * scopes go on; it is never read as "every account removed".
 *
 * @param scope    the scope id (see {@link Names#checkScope})
 * @param snapshot the new snapshot of the scope, or {@code null} when it failed
 * @param events   sign-ins without MFA in this scope since the previous scan
 * @param error    why the scope could not be read (no secret in it), or {@code null} when it was
 * @since 0.2
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record ScopeResult(String scope, @Nullable Snapshot snapshot, List<SignInEvent> events, @Nullable String error) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if neither or both of snapshot and error are given, or the
     *                                  snapshot belongs to another scope
     */
    public ScopeResult {
        Names.checkScope(Objects.requireNonNull(scope, "scope"));
        events = List.copyOf(events);
        if ((snapshot == null) == (error == null)) {
            throw new IllegalArgumentException("scope " + scope + ": give a snapshot or an error, not both or neither");
        }
        if (snapshot != null && !snapshot.scope().equals(scope)) {
            throw new IllegalArgumentException("scope " + scope + " carries a snapshot of scope " + snapshot.scope());
        }
        if (error != null && !events.isEmpty()) {
            throw new IllegalArgumentException("scope " + scope + " failed, so it cannot report events");
        }
    }

    /**
     * A scope that was read.
     *
     * @param snapshot its new snapshot; the scope is the snapshot's
     * @param events   its sign-ins without MFA since the previous scan
     * @return the result
     */
    public static ScopeResult seen(Snapshot snapshot, List<SignInEvent> events) {
        return new ScopeResult(snapshot.scope(), snapshot, events, null);
    }

    /**
     * A scope that could not be read; its stored snapshot is kept.
     *
     * @param scope the scope id
     * @param error what went wrong and how to fix it, without secrets
     * @return the result
     */
    public static ScopeResult failed(String scope, String error) {
        return new ScopeResult(scope, null, List.of(), Objects.requireNonNull(error, "error"));
    }

    /** @return the snapshot, or empty when the scope failed */
    public Optional<Snapshot> seenSnapshot() {
        return Optional.ofNullable(snapshot);
    }
}
