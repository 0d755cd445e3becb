package dev.mfawatch.monitor.github;

import static dev.mfawatch.monitor.github.FakeGitHub.TwoFa.INSECURE;
import static dev.mfawatch.monitor.github.FakeGitHub.TwoFa.OFF;
import static dev.mfawatch.monitor.github.FakeGitHub.TwoFa.ON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.core.ChangeDetector;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.WatchedSetting;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.contract.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GitHubMonitorTest {

    private final FakeGitHub gh = new FakeGitHub();
    private final List<Duration> slept = new ArrayList<>();

    GitHubMonitorTest() throws java.io.IOException {
    }

    @AfterEach
    void stop() {
        gh.close();
    }

    static Settings settings(FakeGitHub gh, String... keyValues) {
        Map<String, String> m = new HashMap<>();
        m.put("mfawatch.monitor.gh.organization", FakeGitHub.ORG);
        m.put("mfawatch.monitor.gh.token", FakeGitHub.TOKEN);
        m.put("mfawatch.monitor.gh.endpoint", gh.endpoint());
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                m.remove("mfawatch.monitor.gh." + keyValues[i]);
            } else {
                m.put("mfawatch.monitor.gh." + keyValues[i], keyValues[i + 1]);
            }
        }
        return Fixtures.settings("mfawatch.monitor.gh", m);
    }

    private Monitor monitor(String... keyValues) {
        return new GitHubMonitorProvider(slept::add).create(settings(gh, keyValues));
    }

    private static ScanResult scan(Monitor m, Snapshot previous) {
        return m.scan(ScanContext.of("gh", previous, Clock.systemUTC(), Instant.now().plusSeconds(30)));
    }

    private ScanResult scanOnce(String... keyValues) {
        try (Monitor m = monitor(keyValues)) {
            return scan(m, null);
        }
    }

    private static Account named(ScanResult r, String login) {
        return r.snapshot().accounts().stream().filter(a -> a.name().equals(login)).findFirst().orElseThrow();
    }

    private void org(int members) {
        for (int i = 1; i <= members; i++) {
            gh.member(i, "user" + i, i % 10 == 0 ? OFF : i % 25 == 0 ? INSECURE : ON).admin = i <= 2;
        }
    }

    @Test
    void membersAndCollaboratorsAcrossPagesWithTheirStates() {
        org(250);
        gh.collaborator(9001, "contractor", OFF);
        gh.collaborator(9002, "auditor", ON);
        ScanResult r = scanOnce();
        assertThat(r.snapshot().accounts()).hasSize(252);
        assertThat(named(r, "user10").state()).isEqualTo(MfaState.DISABLED);
        assertThat(named(r, "user25")).satisfies(a -> {
            assertThat(a.state()).isEqualTo(MfaState.ENABLED);
            assertThat(a.weak()).isTrue();
        });
        assertThat(named(r, "user3").weak()).isFalse();
        assertThat(named(r, "user1").details()).containsEntry("role", "admin").containsEntry("kind", "member");
        assertThat(named(r, "user3").id().value()).isEqualTo("github:3");
        assertThat(named(r, "contractor")).satisfies(a -> {
            assertThat(a.state()).isEqualTo(MfaState.DISABLED);
            assertThat(a.details()).containsEntry("kind", "outside-collaborator");
        });
        assertThat(r.snapshot().settings()).containsExactly(
                new WatchedSetting("two-factor-requirement", "acme: two-factor authentication required", true));
        assertThat(gh.count("/members?")).as("250 members: 3 pages of all, 1 each of off, insecure, admins").isEqualTo(6);
        assertThat(gh.requests).allSatisfy(p -> {
            if (p.contains("?")) {
                assertThat(p).contains("per_page=100");
            }
        });
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aRenameIsNoChangeAndALeaverIsRemoved() {
        org(5);
        try (Monitor m = monitor()) {
            Snapshot before = scan(m, null).snapshot();
            gh.members.get(2).login = "renamed-user";
            gh.members.remove(4);
            Snapshot after = scan(m, before).snapshot();
            assertThat(ChangeDetector.diff(before, after)).extracting(Change::kind, Change::subjectName)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ChangeKind.REMOVED, "user5"));
        }
    }

    @Test
    void turningTheOrganisationRequirementOffIsASettingChange() {
        org(3);
        try (Monitor m = monitor()) {
            Snapshot before = scan(m, null).snapshot();
            gh.twoFactorRequired = false;
            Snapshot after = scan(m, before).snapshot();
            assertThat(ChangeDetector.diff(before, after)).singleElement()
                    .satisfies(c -> assertThat(c.kind()).isEqualTo(ChangeKind.SETTING_DISABLED));
        }
    }

    @Test
    void aTokenThatIsNotAnOwnersFailsInsteadOfGuessing() {
        org(20);
        gh.callerIsOwner = false;
        assertThatThrownBy(this::scanOnce).isInstanceOf(MonitorException.class)
                .hasMessage("this token cannot see two-factor status in organisation 'acme': GitHub shows it to "
                        + "organisation owners only, and ignores the 2FA filters for anybody else (this token's role: "
                        + "member). Use a token of an owner: a classic token with read:org, or a fine-grained token "
                        + "with the organisation permission \"Members: read\"");
    }

    @Test
    void anOwnerWhoseEveryMemberHasTwoFactorOffIsBelieved() {
        gh.member(1, "a", OFF);
        gh.member(2, "b", OFF);
        ScanResult r = scanOnce();
        assertThat(r.snapshot().withoutMfa()).hasSize(2);
        assertThat(gh.count("/user/memberships/orgs/acme")).as("the role was checked").isEqualTo(1);
    }

    @Test
    void aRefusedConnectionIsNamedAsSuchNotAsAnHttpCode() throws java.io.IOException {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + closed;
        assertThatThrownBy(() -> scanOnce("endpoint", endpoint)).isInstanceOf(MonitorException.class)
                .hasMessage("cannot connect to GitHub at " + endpoint + " (connection refused)");
    }

    @Test
    void badTokenUnknownOrganisationAndRefusal() {
        org(2);
        Map<String, String> bad = new HashMap<>();
        bad.put("mfawatch.monitor.gh.organization", FakeGitHub.ORG);
        bad.put("mfawatch.monitor.gh.token", "ghp_wrong");
        bad.put("mfawatch.monitor.gh.endpoint", gh.endpoint());
        try (Monitor m = new GitHubMonitorProvider(slept::add).create(Fixtures.settings("mfawatch.monitor.gh", bad))) {
            assertThatThrownBy(() -> scan(m, null))
                    .hasMessage("GitHub rejected the token (401 Bad credentials): mfawatch.monitor.gh.token is wrong, expired or revoked");
        }
        assertThatThrownBy(() -> scanOnce("organization", "nope"))
                .hasMessageContaining("organisation 'nope' does not exist at " + gh.endpoint() + ", or this token cannot see it");
        gh.fail(p -> p.startsWith("/orgs/acme/outside_collaborators"), 403, Map.of(),
                "{\"message\":\"Must have admin rights to Repository.\",\"status\":\"403\"}", 1);
        assertThatThrownBy(this::scanOnce).hasMessageContaining("(403): the token needs read:org");
    }

    @Test
    void anExhaustedPrimaryRateLimitFailsClearlyWithoutWaitingAnHour() {
        org(2);
        long reset = Instant.now().plus(Duration.ofMinutes(40)).getEpochSecond();
        gh.fail(p -> p.startsWith("/orgs/acme/members"), 403,
                Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", String.valueOf(reset), "x-ratelimit-used", "5000"),
                "{\"message\":\"API rate limit exceeded for user ID 1.\",\"status\":\"403\"}", 1);
        assertThatThrownBy(this::scanOnce).isInstanceOf(MonitorException.class)
                .hasMessageStartingWith("GitHub's primary rate limit is exhausted (HTTP 403); it lifts in 24")
                .hasMessageContaining("longer than this scan may wait (rate-limit-wait 60s");
        assertThat(slept).isEmpty();
    }

    @Test
    void aSecondaryLimitWithRetryAfterIsWaitedOutAndRetried() {
        org(2);
        gh.fail(p -> p.contains("filter=2fa_disabled"), 429, Map.of("Retry-After", "3"),
                "{\"message\":\"You have exceeded a secondary rate limit.\",\"status\":\"429\"}", 1);
        ScanResult r = scanOnce();
        assertThat(r.snapshot().accounts()).hasSize(2);
        assertThat(slept).containsExactly(Duration.ofSeconds(3));
        assertThat(gh.count("filter=2fa_disabled")).as("members once failed, once retried; collaborators once").isEqualTo(3);
    }

    @Test
    void aSecondaryLimitWithoutRetryAfterWaitsAMinuteOnlyIfAllowed() {
        org(2);
        gh.fail(p -> p.contains("filter=2fa_disabled"), 403, Map.of("gh-limited-by", "secondary"),
                "{\"message\":\"You have exceeded a secondary rate limit.\",\"status\":\"403\"}", 1);
        assertThatThrownBy(() -> scanOnce("rate-limit-wait", "30s"))
                .hasMessageStartingWith("GitHub's secondary rate limit is exhausted (HTTP 403); it lifts in 60s");
    }

    @Test
    void aServerErrorOnAMiddlePageDropsTheWholeScan() {
        org(250);
        gh.fail(p -> p.contains("filter=all") && p.contains("page=2"), 502, Map.of(),
                "{\"message\":\"Server Error\"}", 10);
        assertThatThrownBy(this::scanOnce).isInstanceOf(MonitorException.class)
                .hasMessageStartingWith("GitHub answered 502 for /orgs/acme/members")
                .hasMessageContaining("the old snapshot kept");
    }

    /** Somewhere a redirect might point: records the Authorization header of every request it gets. */
    private static final class Elsewhere extends dev.mfawatch.spi.contract.LoopbackHttpService {
        final java.util.List<String> authorizations = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        @Override
        protected void handle(com.sun.net.httpserver.HttpExchange ex) throws java.io.IOException {
            authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            send(ex, 200, "application/json", "[]");
        }
    }

    @Test
    void aRedirectToAnotherOriginFailsTheScanAndTheTokenNeverGoesThere() {
        org(2);
        try (Elsewhere elsewhere = new Elsewhere()) {
            gh.fail(p -> p.contains("/members"), 302, Map.of("Location", elsewhere.baseUri() + "/orgs/acme/members?filter=all"), "", 10);
            assertThatThrownBy(this::scanOnce).isInstanceOf(MonitorException.class).hasMessageContaining("another origin")
                    .hasMessageNotContaining(FakeGitHub.TOKEN);
            assertThat(elsewhere.authorizations).isEmpty();
        }
    }

    @Test
    void anOrganisationAnswerLargerThanAnyOrganisationFailsTheScanUnread() {
        org(2);
        gh.fail(p -> p.endsWith("/orgs/" + FakeGitHub.ORG), 200, Map.of(), "{\"login\":\"" + "x".repeat(2 << 20) + "\"}", 1);
        assertThatThrownBy(this::scanOnce).isInstanceOf(MonitorException.class)
                .hasMessage("GitHub's answer for /orgs/acme is larger than 1024 KB, which no organisation is; the scan is dropped");
    }

    @Test
    void aRedirectWithinTheApiIsFollowed() {
        org(2);
        gh.fail(p -> p.contains("/members") && !p.contains("moved=1"), 301,
                Map.of("Location", "/orgs/" + FakeGitHub.ORG + "/members?moved=1&filter=all&per_page=100"), "", 1);
        assertThat(scanOnce().snapshot().accounts()).hasSize(2);
        assertThat(gh.count("moved=1")).isEqualTo(1);
    }

    @Test
    void brokenJsonFailsTheScan() {
        org(2);
        gh.fail(p -> p.contains("filter=all"), 200, Map.of(), "[{\"login\":\"x\",\"id\":", 1);
        assertThatThrownBy(this::scanOnce).isInstanceOf(MonitorException.class)
                .hasMessageContaining("not the JSON it should be");
    }

    @Test
    void anOlderEnterpriseServerWithoutTheInsecureFilterIsWarnedAboutOnce() {
        org(30);
        gh.knowsInsecureFilter = false;
        try (Monitor m = monitor()) {
            ScanResult first = scan(m, null);
            assertThat(first.warnings()).singleElement().asString().contains("does not know filter=2fa_insecure");
            assertThat(first.snapshot().accounts()).noneMatch(Account::weak);
            long asked = gh.count("2fa_insecure");
            ScanResult second = scan(m, first.snapshot());
            assertThat(second.warnings()).isEmpty();
            assertThat(gh.count("2fa_insecure")).as("not asked again").isEqualTo(asked);
        }
    }

    @Test
    void includeLimitsWhatIsListed() {
        org(3);
        gh.collaborator(9001, "contractor", OFF);
        assertThat(scanOnce("include", "outside-collaborators").snapshot().accounts()).extracting(Account::name)
                .containsExactly("contractor");
        assertThat(gh.count("/members?")).isZero();
    }

    @Test
    void theRequestCountIsTheMinimumTheApiAllows() {
        for (int i = 1; i <= 5000; i++) {
            gh.member(i, "user" + i, i % 40 == 0 ? OFF : i % 125 == 0 ? INSECURE : ON).admin = i <= 3;
        }
        for (int i = 1; i <= 30; i++) {
            gh.collaborator(100_000 + i, "ext" + i, i % 10 == 0 ? OFF : ON);
        }
        ScanResult r = scanOnce();
        assertThat(r.snapshot().accounts()).hasSize(5030);
        assertThat(r.snapshot().withoutMfa()).hasSize(125 + 3);
        // 1 organisation + 50 pages of all members + 2 of 2FA off (125) + 1 of insecure 2FA (35)
        // + 1 of owners + 3 for the collaborators (all, 2FA off, insecure): ⌈N/100⌉ + ⌈D/100⌉ + ⌈W/100⌉ + 5.
        assertThat(gh.requests).hasSize(1 + 50 + 2 + 1 + 1 + 3);
    }

    @Test
    void aSmallOrganisationCostsEightRequests() {
        for (int i = 1; i <= 10; i++) {
            gh.member(i, "user" + i, i == 3 ? OFF : i == 7 ? INSECURE : ON).admin = i == 1;
        }
        scanOnce();
        // The organisation, the members' three lists and the owners, the collaborators' three lists.
        assertThat(gh.requests).hasSize(8);
    }

    @Test
    void theTokenIsNeverInAStringOrAMessage() {
        gh.fail(p -> true, 500, Map.of(), "{\"message\":\"boom\"}", 100);
        try (Monitor m = monitor()) {
            assertThat(m.toString()).doesNotContain(FakeGitHub.TOKEN);
            assertThatThrownBy(() -> scan(m, null)).satisfies(e -> {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    assertThat(String.valueOf(t.getMessage())).doesNotContain(FakeGitHub.TOKEN);
                }
            });
        }
    }

    @Test
    void badSettingsAreNamed() {
        GitHubMonitorProvider p = new GitHubMonitorProvider();
        assertThatThrownBy(() -> p.create(Fixtures.settings("mfawatch.monitor.gh", Map.of())))
                .hasMessage("mfawatch.monitor.gh.organization is required but not set");
        assertThatThrownBy(() -> p.create(Fixtures.settings("mfawatch.monitor.gh", Map.of("mfawatch.monitor.gh.organization", "acme"))))
                .hasMessage("mfawatch.monitor.gh.token is required but not set");
        assertThatThrownBy(() -> p.create(settings(gh, "include", "repos")))
                .hasMessage("mfawatch.monitor.gh.include=repos lists repos; it takes members and outside-collaborators");
        assertThatThrownBy(() -> p.create(settings(gh, "endpoint", "github.com")))
                .hasMessageContaining("is not an http(s) URL");
        assertThatThrownBy(() -> p.create(settings(gh, "organization", "a/b"))).hasMessageContaining("is not a GitHub organisation login");
    }
}
