package dev.mfawatch.monitor.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.core.BaselinePolicy;
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

class GitLabMonitorTest {

    static final String SCOPE = "mfawatch.monitor.gl";

    private final FakeGitLab gitlab = new FakeGitLab();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final List<Duration> slept = new ArrayList<>();

    GitLabMonitorTest() {
        FakeGitLab.User root = gitlab.user(1, "root");
        root.admin = true;
        root.twoFactor = true;
        gitlab.tokens.put(FakeGitLab.ADMIN_TOKEN, 1L);
        gitlab.user(2, "olivia").twoFactor = true;
        gitlab.tokens.put(FakeGitLab.OWNER_TOKEN, 2L);
        gitlab.user(3, "dev");
        gitlab.tokens.put(FakeGitLab.DEVELOPER_TOKEN, 3L);
        gitlab.user(4, "alice").twoFactor = true;
        gitlab.user(5, "bob");
        gitlab.user(6, "carol").state = "blocked";
        gitlab.user(7, "erin").state = "deactivated";
        FakeGitLab.User bot = gitlab.user(8, "project_1_bot");
        bot.bot = true;
        bot.userType = "project_bot";
        gitlab.user(9, "ghost").userType = "internal";
    }

    @AfterEach
    void stop() {
        gitlab.close();
    }

    static Settings settings(FakeGitLab gitlab, String token, String... keyValues) {
        Map<String, String> m = new HashMap<>();
        m.put(SCOPE + ".endpoint", gitlab.endpoint());
        m.put(SCOPE + ".token", token);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(SCOPE + "." + keyValues[i], keyValues[i + 1]);
        }
        return Fixtures.settings(SCOPE, m);
    }

    Monitor monitor(String token, String... keyValues) {
        return new GitLabMonitorProvider().create(settings(gitlab, token, keyValues));
    }

    ScanResult scan(Monitor m, Snapshot previous) {
        return m.scan(ScanContext.of("gl", previous, clock, clock.sleeper(slept), clock.instant().plus(Duration.ofMinutes(5))));
    }

    static Account account(ScanResult r, String username) {
        return r.snapshot().accounts().stream().filter(a -> a.name().equals(username)).findFirst()
                .orElseThrow(() -> new AssertionError("no account " + username + " in " + r.snapshot().accounts()));
    }

    @Test
    void anAdministratorSeesEveryHumanUserOfTheInstance() {
        try (Monitor m = monitor(FakeGitLab.ADMIN_TOKEN)) {
            ScanResult r = scan(m, null);
            assertThat(account(r, "alice")).matches(a -> a.state() == MfaState.ENABLED && a.id().value().equals("gitlab:127.0.0.1:4"));
            assertThat(account(r, "bob").state()).isEqualTo(MfaState.DISABLED);
            assertThat(account(r, "carol").state()).isEqualTo(MfaState.NOT_APPLICABLE);
            assertThat(account(r, "erin").state()).isEqualTo(MfaState.NOT_APPLICABLE);
            assertThat(account(r, "project_1_bot").state()).isEqualTo(MfaState.NOT_APPLICABLE);
            assertThat(account(r, "root")).matches(Account::critical);
            assertThat(r.snapshot().accounts()).noneMatch(a -> a.name().equals("ghost"));
            assertThat(r.snapshot().settings()).singleElement().matches(s -> s.id().equals("instance-2fa-required") && !s.enabled());
            assertThat(ChangeDetector.baseline(r.snapshot(), BaselinePolicy.REPORT)).extracting(c -> c.kind().name())
                    .contains("SETTING_DISABLED");
            // who am I, one page of users, the instance's settings
            assertThat(gitlab.requests).hasSize(3);
        }
    }

    @Test
    void theStoryOfAnInstance() {
        try (Monitor m = monitor(FakeGitLab.ADMIN_TOKEN)) {
            gitlab.requireTwoFactorEverywhere = true;
            Snapshot base = scan(m, null).snapshot();
            gitlab.users.get(4L).twoFactor = false;
            gitlab.users.get(5L).twoFactor = true;
            gitlab.users.get(1L).twoFactor = false;
            gitlab.user(10, "ivan");
            gitlab.users.get(2L).username = "olivia.renamed";
            gitlab.users.get(6L).state = "active";
            gitlab.requireTwoFactorEverywhere = false;
            List<Change> changes = ChangeDetector.diff(base, scan(m, base).snapshot());
            assertThat(changes).extracting(c -> c.subjectName() + " " + c.kind()).containsExactlyInAnyOrder(
                    "alice MFA_DISABLED", "bob MFA_ENABLED", "root MFA_DISABLED", "ivan ADDED_WITHOUT_MFA", "carol MFA_DISABLED",
                    "127.0.0.1: two-factor authentication required for everyone (grace period 48h) SETTING_DISABLED");
            assertThat(changes).filteredOn(c -> c.subjectName().equals("root")).extracting(Change::severity)
                    .containsExactly(Severity.CRITICAL);
        }
    }

    @Test
    void aNonAdministratorTokenFailsTheInstanceScanNamingTheRole() {
        try (Monitor m = monitor(FakeGitLab.DEVELOPER_TOKEN)) {
            assertThatThrownBy(() -> scan(m, null)).isInstanceOf(MonitorException.class).hasMessageContaining("administrator")
                    .hasMessageContaining("group=").hasMessageNotContaining(FakeGitLab.DEVELOPER_TOKEN);
        }
    }

    private FakeGitLab.Group acme() {
        FakeGitLab.Group g = gitlab.group("acme");
        g.requireTwoFactor = true;
        g.members.put(2L, 50);
        g.members.put(4L, 30);
        g.members.put(5L, 30);
        g.members.put(6L, 20);
        return g;
    }

    @Test
    void aGroupOwnerOnANewerGitLabSeesTheMembersTwoFactorStatus() {
        acme();
        gitlab.membersShowTwoFactor = true;
        try (Monitor m = monitor(FakeGitLab.OWNER_TOKEN, "group", "acme")) {
            ScanResult r = scan(m, null);
            assertThat(account(r, "olivia")).matches(a -> a.critical() && a.state() == MfaState.ENABLED && a.details().get("role").equals("owner"));
            assertThat(account(r, "bob").state()).isEqualTo(MfaState.DISABLED);
            assertThat(account(r, "carol").state()).isEqualTo(MfaState.NOT_APPLICABLE);
            assertThat(r.snapshot().settings()).singleElement().matches(s -> s.id().equals("group-2fa-required:acme") && s.enabled());
            assertThat(gitlab.requests).hasSize(2);
            gitlab.groups.get("acme").requireTwoFactor = false;
            Snapshot next = scan(m, r.snapshot()).snapshot();
            assertThat(ChangeDetector.diff(r.snapshot(), next)).extracting(c -> c.kind().name()).containsExactly("SETTING_DISABLED");
        }
    }

    @Test
    void anAdministratorOnAnOlderGitLabJudgesMembersByTheTwoFactorFilter() {
        acme();
        try (Monitor m = monitor(FakeGitLab.ADMIN_TOKEN, "group", "acme")) {
            ScanResult r = scan(m, null);
            assertThat(account(r, "alice").state()).isEqualTo(MfaState.ENABLED);
            assertThat(account(r, "bob").state()).isEqualTo(MfaState.DISABLED);
            assertThat(gitlab.count("GET /api/v4/users?two_factor=disabled")).isEqualTo(1);
        }
    }

    @Test
    void onGitLabComAnOwnerSeesEnterpriseUsersAndTheScanStopsAtAnyoneElse() {
        FakeGitLab.Group g = acme();
        gitlab.enterpriseApi = true;
        g.enterprise.addAll(List.of(2L, 4L, 5L, 6L));
        try (Monitor m = monitor(FakeGitLab.OWNER_TOKEN, "group", "acme")) {
            ScanResult r = scan(m, null);
            assertThat(account(r, "alice").state()).isEqualTo(MfaState.ENABLED);
            assertThat(account(r, "bob").state()).isEqualTo(MfaState.DISABLED);
            g.members.put(3L, 30);
            assertThatThrownBy(() -> scan(m, r.snapshot())).isInstanceOf(MonitorException.class)
                    .hasMessageContaining("1 members of acme (e.g. dev) are not enterprise users");
        }
    }

    @Test
    void whereNothingShowsTheMembersTwoFactorTheScanFailsInsteadOfReportingEveryoneWithout() {
        acme();
        try (Monitor m = monitor(FakeGitLab.OWNER_TOKEN, "group", "acme")) {
            assertThatThrownBy(() -> scan(m, null)).isInstanceOf(MonitorException.class)
                    .hasMessageContaining("does not show the two-factor status").hasMessageContaining("administrator");
        }
    }

    @Test
    void aFailedMiddlePageFailsTheScanAndA429Waits() {
        for (int i = 0; i < 250; i++) {
            gitlab.user(100 + i, "user" + i).twoFactor = true;
        }
        gitlab.fail("page=2", 5);
        try (Monitor m = monitor(FakeGitLab.ADMIN_TOKEN)) {
            assertThatThrownBy(() -> scan(m, null)).hasMessageContaining("500");
        }
        gitlab.rateLimitOnce("page=3");
        try (Monitor m = monitor(FakeGitLab.ADMIN_TOKEN)) {
            assertThat(scan(m, null).snapshot().accounts()).hasSize(258);
            assertThat(slept).contains(Duration.ofSeconds(9));
        }
    }

    @Test
    void aWrongTokenOrGroupIsNamed() {
        try (Monitor m = monitor("glpat-wrong")) {
            assertThatThrownBy(() -> scan(m, null)).hasMessageContaining("401").hasMessageNotContaining("glpat-wrong");
        }
        try (Monitor m = monitor(FakeGitLab.ADMIN_TOKEN, "group", "nope")) {
            assertThatThrownBy(() -> scan(m, null)).hasMessageContaining("404").hasMessageContaining("group");
        }
    }

    @Test
    void startUpChecksTheEndpointAndGroup() {
        assertThatThrownBy(() -> new GitLabMonitorProvider().create(Settings.of(SCOPE, Map.of("token", "t0k3n", "endpoint",
                "https://gitlab.example.com")))).isInstanceOf(ConfigurationException.class).hasMessageContaining("/api/v4");
        assertThatThrownBy(() -> new GitLabMonitorProvider().create(Settings.of(SCOPE, Map.of("token", "t0k3n", "endpoint",
                "http://gitlab.example.com/api/v4")))).hasMessageContaining("in clear");
        assertThatThrownBy(() -> new GitLabMonitorProvider().create(Settings.of(SCOPE, Map.of("token", "t0k3n", "group", "a b"))))
                .hasMessageContaining("full path");
        assertThatThrownBy(() -> new GitLabMonitorProvider().create(Settings.of(SCOPE, Map.of()))).hasMessageContaining("token");
        try (Monitor m = new GitLabMonitorProvider().create(Settings.of(SCOPE, Map.of("token", "t0k3n", "group", "/acme/platform/")))) {
            assertThat(m.toString()).contains("https://gitlab.com/api/v4", "group=acme/platform").doesNotContain("t0k3n");
        }
        assertThat(new GitLabMonitorProvider().defaultTimeout()).isEqualTo(Duration.ofMinutes(5));
    }
}
