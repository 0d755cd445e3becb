package dev.mfawatch.monitor.aws;

import dev.mfawatch.model.MonitorException;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code aws-iam}: who can sign in to the console without MFA, from the credential report (a
 * constant number of calls) or per user (about 2N calls), plus the root account.
 */
final class AwsIamMonitor implements Monitor, AccountScan {

    /** How the users are read. */
    enum Method {
        CREDENTIAL_REPORT, PER_USER
    }

    private final AwsClients clients;
    private final Method method;
    private final IamRefresher refresher;
    private final @org.jspecify.annotations.Nullable AwsFleet fleet;

    AwsIamMonitor(AwsClients clients, Method method, IamRefresher refresher) {
        this(clients, method, refresher, null);
    }

    AwsIamMonitor(AwsClients clients, Method method, IamRefresher refresher, @org.jspecify.annotations.Nullable AwsFleet fleet) {
        this.clients = clients;
        this.method = method;
        this.refresher = refresher;
        this.fleet = fleet;
    }

    @Override
    public ScanResult scan(ScanContext context) {
        if (fleet != null) {
            return fleet.scan(context, this);
        }
        clients.checkCredentials();
        Result r = scan(clients, Snapshot.DEFAULT_SCOPE, context.previous().orElse(null), context, () -> false);
        return new ScanResult(r.snapshot(), r.events(), r.warnings());
    }

    @Override
    public Result scan(AwsClients clients, String scope, @org.jspecify.annotations.Nullable Snapshot previous, ScanContext context,
                       java.util.function.BooleanSupplier rootManagedCentrally) {
        Instant now = context.clock().instant();
        List<String> warnings = new ArrayList<>();
        List<IamUser> users;
        String cursor = "";
        if (method == Method.PER_USER) {
            users = PerUserReader.readAll(clients.iam(), clients.sts(), now);
        } else {
            CredentialReportReader.Report report = new CredentialReportReader(context.clock(), context.sleeper()).read(clients.iam(),
                    context.deadline());
            List<IamUser> fromReport = parse(report);
            IamRefresher.Result refreshed = refresher.refresh(clients, fromReport, report.generatedAt(), previous, context);
            users = refreshed.users();
            cursor = refreshed.cursor();
            warnings.addAll(refreshed.warnings());
        }
        IamUser root = users.stream().filter(IamUser::root).findFirst().orElseThrow(() ->
                new MonitorException("the credential report has no <root_account> row, so the root account cannot be watched"));
        IamUser.RootMfa rootMfa = IamUser.RootMfa.UNKNOWN;
        if (root.mfaActive()) {
            RootMfaReader.Result kind = RootMfaReader.read(clients.iam(), root.arn());
            rootMfa = kind.kind();
            warnings.addAll(kind.warnings());
        }
        Snapshot snapshot = IamSnapshots.snapshot(context.monitorName(), scope, now, users, rootMfa, cursor);
        if (!root.mfaActive() && rootManagedCentrally.getAsBoolean() && RootMfaReader.noRootCredentials(clients.iam())) {
            // The organisation removed this member's root credentials: nobody can sign in as it (prowler#5804).
            snapshot = IamSnapshots.centrallyManagedRoot(snapshot, root.arn());
        }
        return new Result(snapshot, List.of(), warnings);
    }

    private static List<IamUser> parse(CredentialReportReader.Report report) {
        try {
            return CredentialReport.parse(report.csv(), report.generatedAt());
        } catch (IllegalArgumentException e) {
            throw new MonitorException("IAM sent a credential report that cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public dev.mfawatch.model.FindingRule rule() {
        return AwsRules.CONSOLE_MFA;
    }

    @Override
    public void close() {
        clients.close();
    }

    @Override
    public String toString() {
        return "AwsIamMonitor[method=" + method + ", refresh=" + refresher + "]";
    }
}
