package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mfawatch.model.Change;
import dev.mfawatch.model.Names;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What one run saw of one monitor scope: the counts after the scan and the changes it raised. A run
 * appends one per scope it scanned successfully; reports of MFA coverage over time read them back.
 *
 * @param at         when the scan finished (the snapshot's time)
 * @param monitor    the monitor instance name
 * @param scope      the scope id
 * @param accounts   how many accounts the scope has
 * @param withoutMfa how many of them can be used without MFA and are not exempt
 * @param weak       how many have only a weak second factor
 * @param exempt     how many without MFA an exemption covers
 * @param changes    the changes the scan raised in this scope
 * @since 0.2
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record HistoryRecord(Instant at, String monitor, String scope, int accounts, int withoutMfa, int weak, int exempt,
                            List<Change> changes) {

    /**
     * Checks and copies the values.
     *
     * @throws IllegalArgumentException if a count is negative or a change belongs elsewhere
     */
    public HistoryRecord {
        Objects.requireNonNull(at, "at");
        Names.checkInstanceName("monitor", Objects.requireNonNull(monitor, "monitor"));
        Names.checkScope(Objects.requireNonNull(scope, "scope"));
        changes = List.copyOf(changes);
        if (accounts < 0 || withoutMfa < 0 || weak < 0 || exempt < 0) {
            throw new IllegalArgumentException("history of " + monitor + "/" + scope + ": counts cannot be negative");
        }
        for (Change c : changes) {
            if (!c.monitor().equals(monitor) || !c.scope().equals(scope)) {
                throw new IllegalArgumentException("history of " + monitor + "/" + scope + " holds a change of "
                        + c.monitor() + "/" + c.scope());
            }
        }
    }
}
