package dev.mfawatch.monitor.github;

import static dev.mfawatch.monitor.github.FakeGitHub.TwoFa.OFF;
import static dev.mfawatch.monitor.github.FakeGitHub.TwoFa.ON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.model.ConfigurationException;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import dev.mfawatch.spi.ScopeResult;
import dev.mfawatch.spi.Settings;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code organizations=a,b} and {@code organizations=*}: each organisation a scope, failing alone. */
class OrganizationsTest {

    private final FakeGitHub gh = new FakeGitHub();

    OrganizationsTest() {
        gh.member(1, "alice", ON);
        gh.member(2, "bob", OFF);
        FakeGitHub.Org beta = gh.org("beta");
        beta.members.add(new FakeGitHub.User(3, "carol", OFF));
        beta.members.add(new FakeGitHub.User(1, "alice", ON));
        beta.twoFactorRequired = false;
        FakeGitHub.Org gamma = gh.org("gamma");
        gamma.callerIsOwner = false;
        gamma.members.add(new FakeGitHub.User(4, "dave", ON));
        gamma.members.add(new FakeGitHub.User(5, "erin", ON));
    }

    @AfterEach
    void stop() {
        gh.close();
    }

    private ScanResult scan(String... keyValues) {
        try (Monitor m = new GitHubMonitorProvider(d -> { }).create(GitHubMonitorTest.settings(gh, keyValues))) {
            return m.scan(ScanContext.of("gh", null, Clock.systemUTC(), Instant.now().plusSeconds(30)));
        }
    }

    private static ScopeResult scope(ScanResult r, String id) {
        return r.scopes().stream().filter(s -> s.scope().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void eachListedOrganisationIsAScopeWithItsOwnSetting() {
        ScanResult r = scan("organization", null, "organizations", "acme,beta");
        assertThat(r.scopes()).extracting(ScopeResult::scope).containsExactly("acme", "beta");
        assertThat(scope(r, "acme").snapshot().accounts()).extracting(a -> a.name() + " " + a.state())
                .containsExactlyInAnyOrder("alice ENABLED", "bob DISABLED");
        assertThat(scope(r, "beta").snapshot().accounts()).extracting(a -> a.name() + " " + a.state())
                .containsExactlyInAnyOrder("carol DISABLED", "alice ENABLED");
        assertThat(scope(r, "beta").snapshot().settings()).singleElement().matches(s -> !s.enabled() && s.name().startsWith("beta:"));
        assertThat(scope(r, "acme").snapshot().settings()).singleElement().matches(s -> s.enabled());
    }

    @Test
    void anOrganisationWhereTheTokenIsNoOwnerFailsAlone() {
        ScanResult r = scan("organization", null, "organizations", "acme,gamma");
        assertThat(scope(r, "acme").error()).isNull();
        assertThat(scope(r, "gamma").error()).contains("gamma").contains("owner");
    }

    @Test
    void aStarWatchesEveryOrganisationTheTokensUserOwns() {
        ScanResult r = scan("organization", null, "organizations", "*");
        assertThat(r.scopes()).extracting(ScopeResult::scope).containsExactlyInAnyOrder("acme", "beta");
        assertThat(gh.count("/user/memberships/orgs")).isEqualTo(1);
    }

    @Test
    void aStarWithAFineGrainedTokenFailsNamingTheClassicToken() {
        gh.listsMemberships = false;
        try (Monitor m = new GitHubMonitorProvider(d -> { }).create(GitHubMonitorTest.settings(gh, "organization", null,
                "organizations", "*"))) {
            assertThatThrownBy(() -> m.scan(ScanContext.of("gh", null, Clock.systemUTC(), Instant.now().plusSeconds(30))))
                    .isInstanceOf(MonitorException.class).hasMessageContaining("classic token with read:org");
        }
    }

    @Test
    void aVanishedOrganisationFailsItsScopeOnly() {
        gh.others.get("beta").exists = false;
        ScanResult r = scan("organization", null, "organizations", "acme,beta");
        assertThat(scope(r, "acme").error()).isNull();
        assertThat(scope(r, "beta").error()).contains("404");
    }

    @Test
    void organizationAndOrganizationsDoNotMix() {
        assertThatThrownBy(() -> new GitHubMonitorProvider().create(Settings.of("mfawatch.monitor.gh", Map.of("token", "t0k3n",
                "organization", "acme", "organizations", "beta")))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("organizations");
        assertThatThrownBy(() -> new GitHubMonitorProvider().create(Settings.of("mfawatch.monitor.gh", Map.of("token", "t0k3n",
                "organizations", "acme,not an org")))).hasMessageContaining("not an org");
        assertThatThrownBy(() -> new GitHubMonitorProvider().create(Settings.of("mfawatch.monitor.gh", Map.of("token", "t0k3n",
                "organizations", "acme,ACME")))).hasMessageContaining("twice");
    }
}
