package dev.mfawatch.cli;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.AccountId;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.Exemption;
import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.Severity;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.HistoryRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The data of one HTML report, fixed to the byte: three monitors over 60 days of daily runs, with a
 * hostile account name, a critical root, an exemption, weak MFA and changes. The golden file and
 * the browser test read the same page.
 */
final class ReportFixtures {

    static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    static final Instant SINCE = NOW.minus(Duration.ofDays(60));
    /** An account name that would run script if a report pasted it into the page. */
    static final String HOSTILE = "<img src=x onerror=\"document.title='pwned'\">&amp;<script>alert(1)</script>";

    private ReportFixtures() {
    }

    static FindingRule rule(String id, String title, Severity severity, String link) {
        return new FindingRule(id, title, "Accounts without MFA are taken over with a stolen password.", "identity", severity,
                "Turn on two-factor authentication for the account, or remove it.", link);
    }

    static List<Exemption> exemptions() {
        return List.of(new Exemption("github", "github:3", "break-glass account kept in the safe", LocalDate.parse("2026-12-31")));
    }

    private static Account account(String id, String name, MfaState state, boolean weak, boolean critical) {
        return new Account(AccountId.of(id), name, state, weak, critical, Map.of());
    }

    private static Change change(String monitor, String scope, ChangeKind kind, Account before, Account after, Instant at) {
        Account subject = after != null ? after : before;
        return new Change(monitor, scope, kind, kind.baseSeverity(), subject.id(), subject.name(), before, after, at, Map.of(), false,
                at.minusSeconds(86_400).toString(), null);
    }

    static List<HtmlReport.MonitorData> monitors() {
        List<HtmlReport.MonitorData> out = new ArrayList<>();

        // github: 10 members; bob without MFA since the first run, the hostile name since day -10,
        // carol exempt, dave on SMS.
        Account hostileOn = account("github:1", HOSTILE, MfaState.ENABLED, false, false);
        Account hostileOff = account("github:1", HOSTILE, MfaState.DISABLED, false, false);
        Account bob = account("github:2", "bob", MfaState.DISABLED, false, false);
        Account carol = account("github:3", "carol", MfaState.DISABLED, false, false);
        Account dave = new Account(AccountId.of("github:4"), "dave", MfaState.ENABLED, true, false, Map.of("mfa", "sms"));
        List<Account> gh = new ArrayList<>(List.of(hostileOff, bob, carol, dave));
        for (int i = 5; i <= 10; i++) {
            gh.add(account("github:" + i, "member" + i, MfaState.ENABLED, false, false));
        }
        List<HistoryRecord> ghHistory = new ArrayList<>();
        for (int d = 60; d >= 0; d--) {
            Instant at = NOW.minus(Duration.ofDays(d)).minusSeconds(3600);
            List<Change> changes = new ArrayList<>();
            if (d == 60) {
                changes.add(change("github", "default", ChangeKind.ADDED_WITHOUT_MFA, null, bob, at));
            }
            if (d == 10) {
                changes.add(change("github", "default", ChangeKind.MFA_DISABLED, hostileOn, hostileOff, at));
            }
            ghHistory.add(new HistoryRecord(at, "github", "default", 10, d > 10 ? 1 : 2, 1, 1, changes));
        }
        out.add(new HtmlReport.MonitorData("github", rule("github-2fa", "GitHub organisation members without two-factor authentication",
                Severity.HIGH, "https://docs.github.com/en/authentication/securing-your-account-with-two-factor-authentication-2fa"),
                List.of(Snapshot.of("github", "default", NOW.minusSeconds(3600), gh)), ghHistory));

        // aws-iam: two accounts of 10 users; the root of one lost MFA 3 days ago.
        List<Snapshot> awsScopes = new ArrayList<>();
        List<HistoryRecord> awsHistory = new ArrayList<>();
        for (String scope : List.of("111111111111", "222222222222")) {
            List<Account> users = new ArrayList<>();
            Account root = account("arn:aws:iam::" + scope + ":root", "<root_account>", MfaState.ENABLED, false, true);
            Account rootOff = account("arn:aws:iam::" + scope + ":root", "<root_account>", MfaState.DISABLED, false, true);
            boolean broken = scope.startsWith("1");
            users.add(broken ? rootOff : root);
            for (int i = 1; i < 10; i++) {
                users.add(account("arn:aws:iam::" + scope + ":user/user" + i, "user" + i, MfaState.ENABLED, false, false));
            }
            awsScopes.add(Snapshot.of("aws-iam", scope, NOW.minusSeconds(1800), users));
            for (int d = 45; d >= 0; d--) {
                Instant at = NOW.minus(Duration.ofDays(d)).minusSeconds(1800);
                List<Change> changes = broken && d == 3 ? List.of(change("aws-iam", scope, ChangeKind.MFA_DISABLED, root, rootOff, at)) : List.of();
                awsHistory.add(new HistoryRecord(at, "aws-iam", scope, 10, broken && d <= 3 ? 1 : 0, 0, 0, changes));
            }
        }
        out.add(new HtmlReport.MonitorData("aws-iam", rule("aws-iam-mfa", "IAM users and root that can sign in without MFA",
                Severity.HIGH, "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html"), awsScopes, awsHistory));

        // okta: everyone enrolled for the last month, two without before.
        List<Account> okta = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            okta.add(account("okta:00u" + i, "person" + i + "@example.com", MfaState.ENABLED, false, false));
        }
        List<HistoryRecord> oktaHistory = new ArrayList<>();
        for (int d = 60; d >= 0; d--) {
            oktaHistory.add(new HistoryRecord(NOW.minus(Duration.ofDays(d)).minusSeconds(600), "okta", "default", 5, d > 30 ? 2 : 0, 0, 0, List.of()));
        }
        out.add(new HtmlReport.MonitorData("okta", rule("okta-mfa", "Okta users without an active factor", Severity.HIGH, ""),
                List.of(Snapshot.of("okta", "default", NOW.minusSeconds(600), okta)), oktaHistory));
        return out;
    }

    static String render() {
        return new HtmlReport(NOW, SINCE, monitors(), exemptions()).render();
    }
}
