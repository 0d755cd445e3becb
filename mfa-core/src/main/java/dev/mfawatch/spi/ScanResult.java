package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mfawatch.model.SignInEvent;
import dev.mfawatch.model.Snapshot;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What one scan found: the snapshot (for an event source, one without accounts that carries the
 * cursor) and the events seen since the previous scan.
 *
 * <p>Warnings say what the scan could not do but went on without (a refused optional source, a region
 * that did not answer); they reach the run report and the log. They never hold a secret.
 *
 * @param snapshot the new snapshot
 * @param events   sign-ins without MFA since the previous scan; a repeat of an earlier event must be left out
 * @param warnings what the scan did without, one sentence each
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ScanResult(Snapshot snapshot, List<SignInEvent> events, List<String> warnings) {

    /** Checks and copies the values. */
    public ScanResult {
        Objects.requireNonNull(snapshot, "snapshot");
        events = List.copyOf(events);
        warnings = List.copyOf(warnings);
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
}
