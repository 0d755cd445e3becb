package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mfawatch.model.FindingRule;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Reads the MFA state of every account of one service instance (a GitHub organisation, an AWS
 * account) and, for event sources, the sign-ins without MFA since the last scan.
 *
 * <p>A monitor only reads. It is created once by its {@link MonitorProvider} and scanned once per
 * run, on a worker thread of its own, under the instance's time limit
 * ({@code mfawatch.monitor.<name>.timeout}, default 60 s): past it the thread is interrupted and
 * the result discarded. A scan that cannot see everything it should must throw rather than return
 * a partial snapshot, because a missing account reads as "removed".
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Monitor extends AutoCloseable {

    /**
     * The time limit of a scan when {@code mfawatch.monitor.<name>.timeout} is not set: 60 s. A
     * provider whose service needs longer at scale reads {@code timeout} with a default of its own.
     */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Scans the service.
     *
     * @param context the instance name, the previous snapshot, the clock and the deadline
     * @return the new snapshot, named {@code context.monitorName()}, and any events
     * @throws dev.mfawatch.model.MonitorException if the scan could not see everything; the message
     *                                            says what failed and how to fix it, and holds no secret
     */
    ScanResult scan(ScanContext context);

    /**
     * What this monitor checks: title, description, category, severity and remediation. Shown by the
     * command line and quoted by notifiers. The default is a generic rule; built-in monitors and
     * custom ones should describe themselves.
     *
     * @return the rule, never {@code null}
     */
    default FindingRule rule() {
        return FindingRule.GENERIC;
    }

    /** Releases what the monitor holds (HTTP clients, threads). Called once; the default does nothing. */
    @Override
    default void close() {
    }
}
