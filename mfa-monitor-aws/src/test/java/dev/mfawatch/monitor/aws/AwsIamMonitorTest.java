package dev.mfawatch.monitor.aws;

import static dev.mfawatch.monitor.aws.AwsTestSupport.NOW;
import static dev.mfawatch.monitor.aws.AwsTestSupport.SECRET;
import static dev.mfawatch.monitor.aws.AwsTestSupport.context;
import static dev.mfawatch.monitor.aws.AwsTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.core.ChangeDetector;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

class AwsIamMonitorTest {

    private final FakeAws aws = new FakeAws();

    AwsIamMonitorTest() throws java.io.IOException {
        aws.user("alice", true, false);
        aws.user("bob", true, true);
        aws.user("svc-build", false, false);
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private ScanResult scan(String... keyValues) {
        try (Monitor m = new AwsIamMonitorProvider(AwsTestSupport.STATIC).create(settings(aws, keyValues))) {
            return m.scan(context(NOW, null));
        }
    }

    private static Account named(ScanResult r, String name) {
        return r.snapshot().accounts().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theReportGivesUsersAndTheRootAccount() {
        aws.rootVirtual = true;
        ScanResult r = scan("refresh", "none");
        assertThat(r.snapshot().accounts()).hasSize(4);
        assertThat(named(r, "alice").state()).isEqualTo(MfaState.DISABLED);
        assertThat(named(r, "alice").id().value()).isEqualTo("arn:aws:iam::123456789012:user/alice");
        assertThat(named(r, "bob").state()).isEqualTo(MfaState.ENABLED);
        assertThat(named(r, "svc-build").state()).isEqualTo(MfaState.NOT_APPLICABLE);
        Account root = named(r, "<root_account>");
        assertThat(root.critical()).isTrue();
        assertThat(root.weak()).as("virtual MFA on root is weak by the CIS bar").isTrue();
        assertThat(root.details()).containsEntry("mfa", "virtual");
        assertThat(named(r, "alice").details()).containsEntry("passwordLastUsed", "2026-01-04T09:30:00Z")
                .containsEntry("created", "2024-03-01T10:00:00Z").containsEntry("observedAt", aws.reportGeneratedAt.toString());
        assertThat(r.warnings()).isEmpty();
        assertThat(aws.count("GenerateCredentialReport")).isEqualTo(1);
        assertThat(aws.count("GetCredentialReport")).isEqualTo(1);
    }

    @Test
    void aRootOnHardwareMfaIsStrongAndARootWithoutMfaIsCritical() {
        ScanResult hardware = scan("refresh", "none");
        assertThat(named(hardware, "<root_account>").weak()).isFalse();
        assertThat(named(hardware, "<root_account>").details()).containsEntry("mfa", "hardware");
        aws.rootMfa = false;
        ScanResult none = scan("refresh", "none");
        assertThat(ChangeDetector.diff(hardware.snapshot(), none.snapshot())).singleElement()
                .satisfies(c -> assertThat(c.severity()).isEqualTo(dev.mfawatch.model.Severity.CRITICAL));
    }

    @Test
    void theMonitorWaitsWhileIamGeneratesTheReport() {
        aws.reportStates.clear();
        aws.reportStates.addAll(List.of("STARTED", "INPROGRESS", "COMPLETE"));
        List<java.time.Duration> pauses = new java.util.ArrayList<>();
        dev.mfawatch.spi.contract.TestClock clock = new dev.mfawatch.spi.contract.TestClock(AwsTestSupport.NOW);
        try (Monitor m = new AwsIamMonitorProvider(AwsTestSupport.STATIC).create(settings(aws, "refresh", "none"))) {
            m.scan(dev.mfawatch.spi.ScanContext.of("aws", null, clock, clock.sleeper(pauses), AwsTestSupport.NOW.plusSeconds(20)));
        }
        // The waits go through the run's sleeper, doubling: nothing here really sleeps.
        assertThat(pauses).containsExactly(java.time.Duration.ofMillis(250), java.time.Duration.ofMillis(500));
        assertThat(aws.count("GenerateCredentialReport")).isEqualTo(3);
        assertThat(aws.count("GetCredentialReport")).isEqualTo(1);
    }

    @Test
    void aReportNotReadyExpiredOrAbsentOnGetIsGeneratedAgain() {
        aws.fail("GetCredentialReport", 404, "ReportInProgress", "Report is being generated");
        aws.fail("GetCredentialReport", 410, "ReportExpired", "Report expired");
        aws.fail("GetCredentialReport", 410, "ReportNotPresent", "No report");
        assertThat(scan("refresh", "none").snapshot().accounts()).hasSize(4);
        assertThat(aws.count("GetCredentialReport")).isEqualTo(4);
        assertThat(aws.count("GenerateCredentialReport")).isEqualTo(4);
    }

    @Test
    void aReportThatNeverCompletesTimesOutClearly() {
        aws.reportStates.clear();
        aws.reportStates.add("INPROGRESS");
        try (Monitor m = new AwsIamMonitorProvider(AwsTestSupport.STATIC).create(settings(aws, "refresh", "none"))) {
            assertThatThrownBy(() -> m.scan(dev.mfawatch.spi.ScanContext.of("aws", null, java.time.Clock.systemUTC(),
                    Instant.now().plusMillis(1500))))
                    .isInstanceOf(MonitorException.class)
                    .hasMessageStartingWith("the credential report was still being generated after ")
                    .hasMessageContaining("(state INPROGRESS)").hasMessageContaining("raise the monitor's timeout");
        }
    }

    @Test
    void accessDeniedNamesTheMissingActionAndThePolicy() {
        aws.fail("GenerateCredentialReport", 403, "AccessDenied",
                "User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: iam:GenerateCredentialReport");
        assertThatThrownBy(() -> scan("refresh", "none")).isInstanceOf(MonitorException.class)
                .hasMessage("AWS refused iam:GenerateCredentialReport (AccessDenied): the credentials' policy must allow "
                        + "iam:GenerateCredentialReport; the README's \"AWS\" section lists the exact policy");
    }

    @Test
    void throttlingIsRetriedByTheSdk() {
        aws.fail("GenerateCredentialReport", 400, "Throttling", "Rate exceeded");
        aws.fail("GenerateCredentialReport", 400, "Throttling", "Rate exceeded");
        assertThat(scan("refresh", "none").snapshot().accounts()).hasSize(4);
        assertThat(aws.count("GenerateCredentialReport")).isEqualTo(3);
    }

    @Test
    void endlessThrottlingFailsTheScanAfterBoundedRetries() {
        for (int i = 0; i < 10; i++) {
            aws.fail("GenerateCredentialReport", 400, "Throttling", "Rate exceeded");
        }
        assertThatThrownBy(() -> scan("refresh", "none")).hasMessageStartingWith("AWS kept throttling iam:GenerateCredentialReport");
        assertThat(aws.count("GenerateCredentialReport")).isBetween(2, 5);
    }

    @Test
    void malformedXmlFailsTheScanClearly() {
        aws.malformed.put("GenerateCredentialReport", "<GenerateCredentialReportResponse><oops");
        assertThatThrownBy(() -> scan("refresh", "none")).isInstanceOf(MonitorException.class)
                .hasMessageContaining("iam:GenerateCredentialReport");
    }

    @Test
    void aReportWithoutItsColumnsFailsTheScan() {
        aws.reportOverride = "user,arn\nalice,arn:aws:iam::1:user/alice\n";
        assertThatThrownBy(() -> scan("refresh", "none"))
                .hasMessageStartingWith("IAM sent a credential report that cannot be read: the credential report has no column");
    }

    @Test
    void perUserReadsPagesAndGivesTheSameSnapshotAsTheReport() {
        for (int i = 0; i < 40; i++) {
            aws.user(String.format("user%02d", i), i % 3 != 0, i % 2 == 0);
        }
        aws.iamPageSizeCap = 15;
        aws.rootVirtual = true;
        // The same data at the same moment: the report generated "now", the per-user read made "now".
        aws.reportGeneratedAt = NOW;
        Snapshot viaReport = scan("refresh", "none").snapshot();
        Snapshot viaUsers = scan("method", "per-user").snapshot();
        assertThat(viaUsers.accounts()).hasSize(44).isEqualTo(viaReport.accounts());
        assertThat(aws.count("ListUsers")).isEqualTo(3);
        assertThat(aws.count("GetLoginProfile")).isEqualTo(43);
        assertThat(aws.count("ListMFADevices")).isEqualTo(43);
    }

    @Test
    void perUserFindsTheRootAccountWithoutAnyUser() {
        aws.users.clear();
        aws.rootMfa = false;
        Snapshot s = scan("method", "per-user").snapshot();
        assertThat(s.accounts()).singleElement().satisfies(root -> {
            assertThat(root.id().value()).isEqualTo(FakeAws.ROOT_ARN);
            assertThat(root.state()).isEqualTo(MfaState.DISABLED);
        });
        assertThat(aws.count("GetCallerIdentity")).isEqualTo(1);
    }

    @Test
    void withoutListVirtualMfaDevicesTheRootKindIsUnknownAndSaid() {
        aws.fail("ListVirtualMFADevices", 403, "AccessDenied", "not authorized");
        ScanResult r = scan("refresh", "none");
        assertThat(named(r, "<root_account>").details()).containsEntry("mfa", "unknown");
        assertThat(named(r, "<root_account>").weak()).isFalse();
        assertThat(r.warnings()).singleElement().asString()
                .startsWith("cannot tell whether the root account's MFA is virtual or hardware: AWS refused iam:ListVirtualMFADevices");
    }

    @Test
    void aRoleIsAssumedWithItsExternalIdAndItsCredentialsSignTheCalls() {
        scan("refresh", "none", "role-arn", "arn:aws:iam::123456789012:role/mfa-watch-audit", "external-id", "ext-42");
        assertThat(aws.count("AssumeRole")).isEqualTo(1);
        assertThat(aws.accessKeys).contains("AKIDTEST", "ASIAASSUMED");
        int assumeAt = aws.calls.indexOf(aws.calls.stream().filter(c -> c.startsWith("AssumeRole@")).findFirst().orElseThrow());
        assertThat(aws.accessKeys.subList(assumeAt + 1, aws.accessKeys.size())).containsOnly("ASIAASSUMED");
    }

    @Test
    void missingCredentialsSayHowToProvideThem(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("config"), "");
        AwsClients.CredentialsSource none = profile -> ProfileCredentialsProvider.builder()
                .profileFile(ProfileFile.builder().content(empty).type(ProfileFile.Type.CREDENTIALS).build())
                .profileName("nobody").build();
        try (Monitor m = new AwsIamMonitorProvider(none).create(settings(aws, "refresh", "none"))) {
            assertThatThrownBy(() -> m.scan(context(NOW, null))).isInstanceOf(MonitorException.class)
                    .hasMessageStartingWith("no AWS credentials: set AWS_ACCESS_KEY_ID").hasMessageContaining("profile 'nobody'");
        }
        assertThat(aws.totalCalls()).isZero();
    }

    @Test
    void badSettingsAreNamed() {
        AwsIamMonitorProvider p = new AwsIamMonitorProvider(AwsTestSupport.STATIC);
        assertThatThrownBy(() -> p.create(settings(aws, "region", "moon-1"))).hasMessage("mfawatch.monitor.aws.region=moon-1 is not an AWS region (e.g. us-east-1)");
        assertThatThrownBy(() -> p.create(settings(aws, "endpoint", "ftp://x"))).hasMessageContaining("mfawatch.monitor.aws.endpoint=ftp://x is not an http(s) URL");
        assertThatThrownBy(() -> p.create(settings(aws, "method", "magic"))).hasMessage("mfawatch.monitor.aws.method=magic is not one of credential-report, per-user");
        assertThatThrownBy(() -> p.create(settings(aws, "external-id", "x"))).hasMessageContaining("the external id only goes with a role");
        assertThatThrownBy(() -> p.create(settings(aws, "role-arn", "admin"))).hasMessageContaining("is not a role ARN");
    }

    @Test
    void noSecretInMessagesOrStrings() {
        aws.fail("GenerateCredentialReport", 403, "AccessDenied", "denied");
        try (Monitor m = new AwsIamMonitorProvider(AwsTestSupport.STATIC).create(settings(aws))) {
            assertThat(m.toString()).doesNotContain(SECRET);
            assertThatThrownBy(() -> m.scan(context(NOW, null))).satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        }
    }
}
