package dev.mfawatch.monitor.aws;

import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.SignInEvent;
import dev.mfawatch.spi.ScanContext;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What an AWS monitor does in one account; a fleet does it in each account of an organisation. */
interface AccountScan {

    /**
     * What one account's scan found.
     *
     * @param snapshot the account's snapshot, of the scope asked for
     * @param events   its sign-ins without MFA
     * @param warnings what could not be done
     */
    record Result(Snapshot snapshot, List<SignInEvent> events, List<String> warnings) {
    }

    /**
     * Scans one account.
     *
     * @param clients              the account's clients
     * @param scope                the scope its snapshot carries
     * @param previous             its stored snapshot, or {@code null}
     * @param context              the scan's clock, sleeper and deadline
     * @param rootManagedCentrally asks, once per scan and only when needed, whether the organisation
     *                             manages this member's root credentials centrally (always {@code false}
     *                             outside a fleet and for the management account)
     * @return what was found
     * @throws dev.mfawatch.model.MonitorException if the account could not be read
     */
    Result scan(AwsClients clients, String scope, @Nullable Snapshot previous, ScanContext context,
                java.util.function.BooleanSupplier rootManagedCentrally);
}
