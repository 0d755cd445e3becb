package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mfawatch.core.SignInEvent;
import dev.mfawatch.core.Snapshot;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What one scan found: the snapshot (for an event source, one without accounts that carries the
 * cursor) and the events seen since the previous scan.
 *
 * @param snapshot the new snapshot
 * @param events   sign-ins without MFA since the previous scan; a repeat of an earlier event must be left out
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ScanResult(Snapshot snapshot, List<SignInEvent> events) {

    /** Checks and copies the values. */
    public ScanResult {
        Objects.requireNonNull(snapshot, "snapshot");
        events = List.copyOf(events);
    }

    /**
     * A result with a snapshot and no events.
     *
     * @param snapshot the snapshot
     * @return the result
     */
    public static ScanResult of(Snapshot snapshot) {
        return new ScanResult(snapshot, List.of());
    }
}
