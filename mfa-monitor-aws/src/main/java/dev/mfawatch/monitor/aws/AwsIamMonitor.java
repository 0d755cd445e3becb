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
final class AwsIamMonitor implements Monitor {

    /** How the users are read. */
    enum Method {
        CREDENTIAL_REPORT, PER_USER
    }

    private final AwsClients clients;
    private final Method method;
    private final IamRefresher refresher;

    AwsIamMonitor(AwsClients clients, Method method, IamRefresher refresher) {
        this.clients = clients;
        this.method = method;
        this.refresher = refresher;
    }

    @Override
    public ScanResult scan(ScanContext context) {
        Instant now = context.clock().instant();
        clients.checkCredentials();
        List<String> warnings = new ArrayList<>();
        List<IamUser> users;
        String cursor = "";
        if (method == Method.PER_USER) {
            users = PerUserReader.readAll(clients.iam(), clients.sts(), now);
        } else {
            CredentialReportReader.Report report = new CredentialReportReader(context.clock(), context.sleeper()).read(clients.iam(),
                    context.deadline());
            List<IamUser> fromReport = parse(report);
            IamRefresher.Result refreshed = refresher.refresh(clients, fromReport, report.generatedAt(),
                    context.previous().orElse(null), context);
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
        Snapshot snapshot = IamSnapshots.snapshot(context.monitorName(), now, users, rootMfa, cursor);
        return new ScanResult(snapshot, List.of(), warnings);
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
