package dev.mfawatch.monitor.aws;

import static dev.mfawatch.monitor.aws.AwsTestSupport.NOW;
import static dev.mfawatch.monitor.aws.AwsTestSupport.context;
import static dev.mfawatch.monitor.aws.AwsTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mfawatch.core.ChangeDetector;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.model.SignInEvent;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanResult;
import dev.mfawatch.spi.contract.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CloudTrailSignInMonitorTest {

    private final FakeAws aws = new FakeAws();

    CloudTrailSignInMonitorTest() throws java.io.IOException {
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private Monitor monitor(String... keyValues) {
        return new CloudTrailSignInMonitorProvider(AwsTestSupport.STATIC).create(settings(aws, keyValues));
    }

    private void login(String region, String id, Instant at, String type, String user, boolean success, String mfa) {
        aws.event(region, id, "ConsoleLogin", at, FakeAws.consoleLogin(type, user, success, mfa, "198.51.100.7", region));
    }

    @Test
    void successfulSignInsWithoutMfaByUsersAndRootAreReported() {
        Instant t = NOW.minus(Duration.ofMinutes(10));
        login("us-east-1", "e-root", t, "Root", null, true, "No");
        login("us-east-2", "e-alice", t.plusSeconds(1), "IAMUser", "alice", true, "No");
        login("eu-north-1", "e-bob", t.plusSeconds(2), "IAMUser", "bob", true, "Yes");
        login("ap-southeast-2", "e-failed", t.plusSeconds(3), "IAMUser", "carol", false, "No");
        login("us-east-1", "e-sso", t.plusSeconds(4), "AssumedRole", "sso-user", true, "No");
        login("eu-west-1", "e-unwatched", t.plusSeconds(5), "IAMUser", "dave", true, "No");
        ScanResult r;
        try (Monitor m = monitor()) {
            r = m.scan(context(NOW, null));
        }
        assertThat(r.events()).extracting(SignInEvent::eventId).containsExactlyInAnyOrder("e-root", "e-alice");
        List<Change> changes = ChangeDetector.events("aws", r.events());
        assertThat(changes).extracting(c -> c.subjectName() + " " + c.severity())
                .containsExactly("<root_account> CRITICAL", "alice HIGH");
        assertThat(changes.get(1).subjectId().value()).isEqualTo("arn:aws:iam::123456789012:user/alice");
        assertThat(changes.get(1).details()).containsEntry("sourceIp", "198.51.100.7").containsEntry("region", "us-east-2")
                .containsEntry("identityType", "IAMUser").containsEntry("eventId", "e-alice");
        assertThat(aws.lookups).extracting(l -> l.path("region").asText())
                .containsExactlyInAnyOrder("us-east-1", "us-east-2", "eu-north-1", "ap-southeast-2");
        assertThat(r.snapshot().accounts()).isEmpty();
        assertThat(r.snapshot().cursor()).contains("\"us-east-1\"");
    }

    @Test
    void theFirstRunLooksBackAndLaterRunsOverlapThePreviousWindow() {
        try (Monitor m = monitor("regions", "us-east-1", "lookback", "2h", "overlap", "10m")) {
            ScanResult first = m.scan(context(NOW, null));
            m.scan(context(NOW.plus(Duration.ofMinutes(30)), first.snapshot()));
        }
        JsonNode a = aws.lookups.get(0);
        JsonNode b = aws.lookups.get(1);
        assertThat(seconds(a, "StartTime")).isEqualTo(NOW.minus(Duration.ofHours(2)));
        assertThat(seconds(a, "EndTime")).isEqualTo(NOW);
        assertThat(seconds(b, "StartTime")).isEqualTo(NOW.minus(Duration.ofMinutes(10)));
        assertThat(seconds(b, "EndTime")).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(a.path("LookupAttributes").path(0).path("AttributeKey").asText()).isEqualTo("EventName");
        assertThat(a.path("LookupAttributes").path(0).path("AttributeValue").asText()).isEqualTo("ConsoleLogin");
    }

    @Test
    void anEventSeenInTwoOverlappingWindowsIsReportedOnceAndALateOneIsNotMissed() {
        try (Monitor m = monitor("regions", "us-east-1")) {
            login("us-east-1", "e1", NOW.minus(Duration.ofMinutes(5)), "IAMUser", "alice", true, "No");
            ScanResult first = m.scan(context(NOW, null));
            // CloudTrail shows this one late: it happened before the first scan ended.
            login("us-east-1", "e2", NOW.minus(Duration.ofMinutes(2)), "IAMUser", "bob", true, "No");
            ScanResult second = m.scan(context(NOW.plus(Duration.ofMinutes(5)), first.snapshot()));
            ScanResult third = m.scan(context(NOW.plus(Duration.ofMinutes(30)), second.snapshot()));
            assertThat(first.events()).extracting(SignInEvent::eventId).containsExactly("e1");
            assertThat(second.events()).extracting(SignInEvent::eventId).containsExactly("e2");
            assertThat(third.events()).isEmpty();
            // Only ids that can still come back (inside the overlap) are remembered.
            assertThat(third.snapshot().cursor()).doesNotContain("e1", "e2");
        }
    }

    @Test
    void aFailingRegionKeepsItsPositionWhileTheOthersGoOn() {
        try (Monitor m = monitor("regions", "us-east-1,eu-north-1")) {
            ScanResult first = m.scan(context(NOW, null));
            aws.fail("LookupEvents@eu-north-1", 400, "AccessDeniedException", "not authorized");
            login("eu-north-1", "e-late", NOW.plus(Duration.ofMinutes(10)), "IAMUser", "erin", true, "No");
            ScanResult second = m.scan(context(NOW.plus(Duration.ofMinutes(20)), first.snapshot()));
            assertThat(second.events()).isEmpty();
            assertThat(second.warnings()).singleElement().asString()
                    .startsWith("sign-ins in eu-north-1: AWS refused cloudtrail:LookupEvents (AccessDeniedException)")
                    .endsWith("(read again next time)");
            ScanResult third = m.scan(context(NOW.plus(Duration.ofMinutes(40)), second.snapshot()));
            assertThat(third.events()).extracting(SignInEvent::eventId).containsExactly("e-late");
            JsonNode retry = aws.lookups.get(aws.lookups.size() - 1);
            assertThat(retry.path("region").asText()).isEqualTo("eu-north-1");
            assertThat(seconds(retry, "StartTime")).as("resumes where the last good read ended").isEqualTo(NOW.minus(Duration.ofMinutes(15)));
        }
    }

    @Test
    void whenNoRegionAnswersTheScanFails() {
        aws.fail("LookupEvents", 400, "AccessDeniedException", "no");
        try (Monitor m = monitor("regions", "us-east-1")) {
            assertThatThrownBy(() -> m.scan(context(NOW, null))).isInstanceOf(MonitorException.class)
                    .hasMessageStartingWith("CloudTrail could not be read in any region: us-east-1: AWS refused cloudtrail:LookupEvents");
        }
    }

    @Test
    void pagesAreFollowedAtTwoRequestsPerSecondPerRegion() {
        aws.trailPageSize = 50;
        for (int i = 0; i < 120; i++) {
            login("us-east-1", "p" + i, NOW.minus(Duration.ofMinutes(50)).plusSeconds(i), "IAMUser", "u" + i, true, "No");
        }
        List<Duration> slept = new ArrayList<>();
        TestClock clock = new TestClock(NOW);
        CloudTrailReader reader = new CloudTrailReader(clock, clock.sleeper(slept));
        AwsSettings s = AwsSettings.read(settings(aws));
        try (Monitor m = new CloudTrailSignInMonitor(new AwsClients(s, AwsTestSupport.STATIC), List.of("us-east-1", "eu-north-1"),
                Duration.ofHours(1), Duration.ofMinutes(15), reader)) {
            ScanResult r = m.scan(context(NOW, null));
            assertThat(r.events()).hasSize(120);
        }
        assertThat(aws.count("LookupEvents")).isEqualTo(4);
        // Three calls to us-east-1 wait twice; the call to eu-north-1 does not wait for them.
        assertThat(slept).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
    }

    @Test
    void malformedAnswersFailTheRegionClearly() {
        aws.event("us-east-1", "bad", "ConsoleLogin", NOW.minusSeconds(60), "{not json");
        try (Monitor m = monitor("regions", "us-east-1")) {
            assertThatThrownBy(() -> m.scan(context(NOW, null)))
                    .hasMessageContaining("CloudTrail event bad in us-east-1 cannot be read: a CloudTrail event is not JSON");
        }
    }

    @Test
    void regionsMustBeRegions() {
        assertThatThrownBy(() -> monitor("regions", "us-east-1,mars"))
                .hasMessage("mfawatch.monitor.aws.regions=us-east-1,mars lists mars, which is not an AWS region");
    }

    private static Instant seconds(JsonNode request, String field) {
        return Instant.ofEpochMilli(Math.round(request.path(field).asDouble() * 1000));
    }

}
