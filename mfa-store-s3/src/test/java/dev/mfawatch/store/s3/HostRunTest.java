package dev.mfawatch.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.core.MfaWatch;
import dev.mfawatch.core.MonitorStatus;
import dev.mfawatch.core.RunReport;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.spi.HistoryRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A host's runs with {@code mfawatch.store.type=s3}, found by ServiceLoader with credentials from the
 * SDK's default chain (system properties set by the build), and the S3 requests each run costs: the
 * counted measure in the README.
 */
class HostRunTest {

    private final FakeS3 s3 = new FakeS3("mfa-state");

    @AfterEach
    void stop() {
        s3.close();
    }

    private Map<String, String> settings(String accounts, String... monitors) {
        Map<String, String> m = new HashMap<>();
        m.put("mfawatch.monitors", String.join(",", monitors));
        for (String name : monitors) {
            m.put("mfawatch.monitor." + name + ".type", "scripted");
            m.put("mfawatch.monitor." + name + ".accounts", accounts);
            m.put("mfawatch.monitor." + name + ".scopes", "org-a,org-b,org-c");
        }
        m.put("mfawatch.store.type", "s3");
        m.put("mfawatch.store.s3.bucket", "mfa-state");
        m.put("mfawatch.store.s3.region", "eu-west-1");
        m.put("mfawatch.store.s3.endpoint", s3.baseUri().toString());
        return m;
    }

    @Test
    void runsKeepTheirStateAndHistoryInS3() {
        s3.requireConditionalPuts();
        RunReport first = MfaWatch.builder().settings(settings("alice:DISABLED,bob:ENABLED", "team")).runOnce();
        assertThat(first.monitor("team").status()).isEqualTo(MonitorStatus.OK);
        RunReport second = MfaWatch.builder().settings(settings("alice:ENABLED,bob:DISABLED", "team")).runOnce();
        assertThat(second.monitor("team").status()).isEqualTo(MonitorStatus.OK);
        assertThat(second.changes()).extracting(c -> c.scope() + " " + c.subjectName() + " " + c.kind()).contains(
                "org-a alice " + ChangeKind.MFA_ENABLED, "org-c bob " + ChangeKind.MFA_DISABLED).hasSize(6);
        RunReport third = MfaWatch.builder().settings(settings("alice:ENABLED,bob:DISABLED", "team")).runOnce();
        assertThat(third.changes()).as("the state came back from S3").isEmpty();
        try (MfaWatch watch = MfaWatch.builder().settings(settings("alice:ENABLED,bob:DISABLED", "team")).build()) {
            List<HistoryRecord> history = watch.store().history("team", Instant.EPOCH, Instant.now().plusSeconds(60));
            assertThat(history).hasSize(9).extracting(HistoryRecord::withoutMfa).containsOnly(1);
        }
        assertThat(s3.keys()).contains("mfa-watch/snapshots/team/org-a.json").doesNotContain("mfa-watch/lease.json");
    }

    /**
     * A steady run of M monitors of S scopes each, nothing to deliver: per monitor one listing, and per
     * scope one GET and one conditional PUT; one GET of the held removals and of the deliveries each;
     * the history as one GET and one PUT per monitor, and one listing to prune it; the lease's PUT and DELETE.
     */
    @Test
    void aRunCostsAFixedNumberOfRequestsPerMonitorAndScope() {
        MfaWatch.builder().settings(settings("alice:DISABLED,bob:ENABLED", "gh", "okta")).runOnce();
        s3.resetCounts();
        RunReport steady = MfaWatch.builder().settings(settings("alice:DISABLED,bob:ENABLED", "gh", "okta")).runOnce();
        assertThat(steady.changes()).isEmpty();
        int monitors = 2;
        int scopes = 3;
        assertThat(s3.calls()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ListObjectsV2", monitors + 1,
                "GetObject", monitors * scopes + 2 + monitors,
                "PutObject", 1 + monitors * scopes + monitors,
                "DeleteObject", 1));
        int total = s3.calls().values().stream().mapToInt(Integer::intValue).sum();
        assertThat(total).isEqualTo(5 + 3 * monitors + 2 * monitors * scopes);
    }
}
