package dev.mfawatch.monitor.aws;

import static dev.mfawatch.monitor.aws.AwsTestSupport.NOW;
import static dev.mfawatch.monitor.aws.AwsTestSupport.context;
import static dev.mfawatch.monitor.aws.AwsTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.core.ChangeDetector;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The credential report is cached for hours; CloudTrail's IAM events make a change show up in the
 * next scan, and an old report never flips a fresher state back.
 */
class IamRefreshTest {

    private static final Instant G = NOW.minus(Duration.ofHours(3));
    private final FakeAws aws = new FakeAws();
    private Monitor monitor;

    IamRefreshTest() throws java.io.IOException {
    }

    @BeforeEach
    void cachedReport() {
        aws.user("alice", true, true);
        aws.user("bob", true, true);
        aws.user("carol", true, false);
        aws.reportGeneratedAt = G;
        aws.reportOverride = aws.report();
        monitor = AwsTestSupport.iamProvider().create(settings(aws));
    }

    @AfterEach
    void stop() {
        monitor.close();
        aws.close();
    }

    private ScanResult scan(Instant at, Snapshot previous) {
        return monitor.scan(context(at, previous));
    }

    private static Optional<Account> named(Snapshot s, String name) {
        return s.accounts().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    private void iamEvent(String id, String name, Instant at, String user, String caller) {
        aws.event("us-east-1", id, name, at, FakeAws.iamEvent(name, user, caller));
    }

    private void regenerateReport(Instant at) {
        aws.reportOverride = null;
        aws.reportGeneratedAt = at;
    }

    @Test
    void mfaTurnedOffAfterTheReportShowsUpInTheNextScanAndAnOldReportNeverFlipsItBack() {
        aws.users.get("alice").mfaSerials.clear();
        iamEvent("ev1", "DeactivateMFADevice", NOW.minus(Duration.ofHours(1)), "alice", "IAMUser");

        ScanResult first = scan(NOW, null);
        Account alice = named(first.snapshot(), "alice").orElseThrow();
        assertThat(alice.state()).isEqualTo(MfaState.DISABLED);
        assertThat(alice.details()).containsEntry("observedAt", NOW.toString());
        assertThat(named(first.snapshot(), "bob").orElseThrow().details()).containsEntry("observedAt", G.toString());
        assertThat(aws.count("LookupEvents")).isEqualTo(IamRefresher.EVENT_NAMES.size());
        assertThat(aws.count("GetUser") + aws.count("GetLoginProfile") + aws.count("ListMFADevices")).isEqualTo(3);

        // CloudTrail is refused now, and IAM still serves the report from before the change.
        for (int i = 0; i < IamRefresher.EVENT_NAMES.size(); i++) {
            aws.fail("LookupEvents", 400, "AccessDeniedException", "not authorized");
        }
        ScanResult second = scan(NOW.plus(Duration.ofMinutes(10)), first.snapshot());
        assertThat(named(second.snapshot(), "alice").orElseThrow().state()).isEqualTo(MfaState.DISABLED);
        assertThat(ChangeDetector.diff(first.snapshot(), second.snapshot())).as("no flapping").isEmpty();
        assertThat(second.warnings()).singleElement().asString()
                .startsWith("the CloudTrail refresh failed, so this scan relies on the credential report generated at "
                        + G + " and a change since then can show up to 4 hours late: AWS refused cloudtrail:LookupEvents");

        regenerateReport(NOW.plus(Duration.ofMinutes(20)));
        ScanResult third = scan(NOW.plus(Duration.ofMinutes(30)), second.snapshot());
        assertThat(named(third.snapshot(), "alice").orElseThrow().details())
                .containsEntry("observedAt", NOW.plus(Duration.ofMinutes(20)).toString());
        assertThat(ChangeDetector.diff(second.snapshot(), third.snapshot())).isEmpty();
    }

    @Test
    void aDeletedUserStaysGoneUntilTheReportCatchesUp() {
        aws.users.remove("carol");
        iamEvent("ev2", "DeleteUser", NOW.minus(Duration.ofMinutes(30)), "carol", "IAMUser");
        ScanResult first = scan(NOW, null);
        assertThat(named(first.snapshot(), "carol")).isEmpty();
        assertThat(first.snapshot().cursor()).contains("arn:aws:iam::123456789012:user/carol");

        aws.trail.clear();
        ScanResult second = scan(NOW.plus(Duration.ofMinutes(10)), first.snapshot());
        assertThat(named(second.snapshot(), "carol")).as("the stale report still lists carol").isEmpty();
        assertThat(ChangeDetector.diff(first.snapshot(), second.snapshot())).isEmpty();

        regenerateReport(NOW.plus(Duration.ofMinutes(20)));
        ScanResult third = scan(NOW.plus(Duration.ofMinutes(30)), second.snapshot());
        assertThat(named(third.snapshot(), "carol")).isEmpty();
        assertThat(third.snapshot().cursor()).as("the tombstone is dropped once the report agrees").isEmpty();
    }

    @Test
    void aUserCreatedAfterTheReportIsSeenAndNotRemovedByTheStaleReport() {
        aws.user("dan", true, false);
        iamEvent("ev3", "CreateUser", NOW.minus(Duration.ofMinutes(40)), "dan", "IAMUser");
        iamEvent("ev4", "CreateLoginProfile", NOW.minus(Duration.ofMinutes(39)), "dan", "IAMUser");
        ScanResult first = scan(NOW, null);
        assertThat(named(first.snapshot(), "dan").orElseThrow().state()).isEqualTo(MfaState.DISABLED);

        aws.trail.clear();
        ScanResult second = scan(NOW.plus(Duration.ofMinutes(10)), first.snapshot());
        assertThat(ChangeDetector.diff(first.snapshot(), second.snapshot())).isEmpty();
    }

    @Test
    void theRootTurningOffItsOwnMfaIsReReadAsCritical() {
        aws.rootMfa = false;
        iamEvent("ev5", "DeactivateMFADevice", NOW.minus(Duration.ofMinutes(5)), null, "Root");
        ScanResult r = scan(NOW, null);
        Account root = named(r.snapshot(), "<root_account>").orElseThrow();
        assertThat(root.state()).isEqualTo(MfaState.DISABLED);
        assertThat(root.critical()).isTrue();
        assertThat(aws.count("GetAccountSummary")).isEqualTo(1);
    }

    @Test
    void theEventsAreReadFromBeforeTheReportWithAnOverlap() {
        scan(NOW, null);
        assertThat(aws.lookups).allSatisfy(l -> {
            assertThat(l.path("region").asText()).isEqualTo("us-east-1");
            assertThat(Instant.ofEpochSecond(l.path("StartTime").asLong())).isEqualTo(G.minus(Duration.ofMinutes(15)));
        });
        assertThat(aws.lookups).extracting(l -> l.path("LookupAttributes").path(0).path("AttributeValue").asText())
                .containsExactlyElementsOf(IamRefresher.EVENT_NAMES);
    }

    @Test
    void refreshNoneReadsNoEvents() {
        monitor.close();
        monitor = AwsTestSupport.iamProvider().create(settings(aws, "refresh", "none"));
        scan(NOW, null);
        assertThat(aws.count("LookupEvents")).isZero();
    }
}
