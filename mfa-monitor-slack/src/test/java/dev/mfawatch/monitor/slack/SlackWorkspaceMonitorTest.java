package dev.mfawatch.monitor.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.core.ChangeDetector;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ConfigurationException;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.model.Severity;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.contract.Fixtures;
import dev.mfawatch.spi.contract.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackWorkspaceMonitorTest {

    static final String SCOPE = "mfawatch.monitor.slackws";

    private final FakeSlackWorkspace slack = new FakeSlackWorkspace();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final List<Duration> slept = new ArrayList<>();

    SlackWorkspaceMonitorTest() {
        FakeSlackWorkspace.Member alice = slack.member("U01", "alice");
        alice.twoFactor = true;
        FakeSlackWorkspace.Member bob = slack.member("U02", "bob");
        bob.twoFactor = true;
        bob.type = "sms";
        slack.member("U03", "carol");
        FakeSlackWorkspace.Member owner = slack.member("U04", "olivia");
        owner.twoFactor = true;
        owner.owner = true;
        owner.primaryOwner = true;
        slack.member("U05", "gone").deleted = true;
        slack.member("B01", "deploybot").bot = true;
        slack.member("U06", "guest").guest = true;
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    static Settings settings(FakeSlackWorkspace slack, String token, String... keyValues) {
        Map<String, String> m = new HashMap<>();
        m.put(SCOPE + ".endpoint", slack.endpoint());
        m.put(SCOPE + ".token", token);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(SCOPE + "." + keyValues[i], keyValues[i + 1]);
        }
        return Fixtures.settings(SCOPE, m);
    }

    Monitor monitor(String token, String... keyValues) {
        return new SlackWorkspaceMonitorProvider().create(settings(slack, token, keyValues));
    }

    ScanResult scan(Monitor m, Snapshot previous) {
        return m.scan(ScanContext.of("slackws", previous, clock, clock.sleeper(slept), clock.instant().plus(Duration.ofMinutes(2))));
    }

    static Account account(ScanResult r, String name) {
        return r.snapshot().accounts().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void anAdminsTokenSeesEveryMembersTwoFactor() {
        try (Monitor m = monitor(FakeSlackWorkspace.ADMIN_TOKEN)) {
            ScanResult r = scan(m, null);
            assertThat(account(r, "alice")).matches(a -> a.state() == MfaState.ENABLED && !a.weak()
                    && a.id().value().equals("slack:T0ACME:U01"));
            assertThat(account(r, "bob")).matches(a -> a.state() == MfaState.ENABLED && a.weak(), "SMS is weak");
            assertThat(account(r, "carol").state()).isEqualTo(MfaState.DISABLED);
            assertThat(account(r, "olivia")).matches(Account::critical).matches(a -> a.details().get("role").equals("primary-owner"));
            assertThat(account(r, "gone").state()).isEqualTo(MfaState.NOT_APPLICABLE);
            assertThat(account(r, "deploybot").state()).isEqualTo(MfaState.NOT_APPLICABLE);
            assertThat(account(r, "slackbot").state()).isEqualTo(MfaState.NOT_APPLICABLE);
            assertThat(account(r, "guest")).matches(a -> a.state() == MfaState.DISABLED && a.details().get("role").equals("guest"));
        }
    }

    @Test
    void theStoryOfAWorkspace() {
        try (Monitor m = monitor(FakeSlackWorkspace.ADMIN_TOKEN)) {
            Snapshot base = scan(m, null).snapshot();
            slack.members.get("U01").type = "sms";
            slack.members.get("U02").type = "app";
            slack.members.get("U04").twoFactor = false;
            slack.members.get("U03").deleted = true;
            slack.members.get("U06").name = "renamed-guest";
            slack.member("U07", "ivan");
            slack.members.remove("U05");
            List<Change> changes = ChangeDetector.diff(base, scan(m, base).snapshot());
            assertThat(changes).extracting(c -> c.subjectName() + " " + c.kind()).containsExactlyInAnyOrder("alice MFA_WEAKENED",
                    "bob MFA_STRENGTHENED", "olivia MFA_DISABLED", "carol MFA_NOT_REQUIRED", "ivan ADDED_WITHOUT_MFA", "gone REMOVED");
            assertThat(changes).filteredOn(c -> c.subjectName().equals("olivia")).extracting(Change::severity)
                    .containsExactly(Severity.CRITICAL);
        }
    }

    @Test
    void aPlainMembersTokenFailsTheScanRatherThanReportEveryoneWithout2fa() {
        try (Monitor m = monitor(FakeSlackWorkspace.MEMBER_TOKEN)) {
            assertThatThrownBy(() -> scan(m, null)).isInstanceOf(MonitorException.class).hasMessageContaining("without has_2fa")
                    .hasMessageContaining("xoxp-").hasMessageNotContaining(FakeSlackWorkspace.MEMBER_TOKEN);
        }
    }

    @Test
    void aBotTokenIsRefusedAtStartUp() {
        assertThatThrownBy(() -> monitor(FakeSlackWorkspace.BOT_TOKEN)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("bot token").hasMessageNotContaining(FakeSlackWorkspace.BOT_TOKEN);
    }

    @Test
    void slacksErrorsAreNamed() {
        try (Monitor m = monitor("xoxp-wrong")) {
            assertThatThrownBy(() -> scan(m, null)).hasMessageContaining("invalid_auth").hasMessageNotContaining("xoxp-wrong");
        }
        slack.missingScope = true;
        try (Monitor m = monitor(FakeSlackWorkspace.ADMIN_TOKEN)) {
            assertThatThrownBy(() -> scan(m, null)).hasMessageContaining("users:read");
        }
    }

    @Test
    void pagesArePacedAndA429WaitsItsRetryAfter() {
        for (int i = 0; i < 2500; i++) {
            slack.member(String.format("UX%05d", i), "user" + i).twoFactor = true;
        }
        slack.limitedOnceAtPage = 1;
        try (Monitor m = monitor(FakeSlackWorkspace.ADMIN_TOKEN)) {
            assertThat(scan(m, null).snapshot().accounts()).hasSize(2508);
        }
        assertThat(slept).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(17), Duration.ofSeconds(3));
        assertThat(slack.requests).hasSize(4);
    }

    @Test
    void startUpChecksTheEndpoint() {
        assertThatThrownBy(() -> new SlackWorkspaceMonitorProvider().create(Settings.of(SCOPE, Map.of("token", "xoxp-1",
                "endpoint", "https://slack.example.com")))).hasMessageContaining("/api");
        assertThatThrownBy(() -> new SlackWorkspaceMonitorProvider().create(Settings.of(SCOPE, Map.of("token", "xoxp-1",
                "endpoint", "http://slack.example.com/api")))).hasMessageContaining("in clear");
        assertThat(new SlackWorkspaceMonitorProvider().defaultTimeout()).isEqualTo(Duration.ofMinutes(2));
    }
}
