package dev.mfawatch.monitor.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.core.BaselinePolicy;
import dev.mfawatch.core.ChangeDetector;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.model.Severity;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.contract.Fixtures;
import dev.mfawatch.spi.contract.LoopbackHttpService;
import dev.mfawatch.spi.contract.TestClock;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EntraMonitorTest {

    static final String SCOPE = "mfawatch.monitor.entra";

    private final FakeGraph graph = new FakeGraph();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final List<Duration> slept = new ArrayList<>();

    EntraMonitorTest() {
        graph.clock(clock::instant);
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    static Settings settings(FakeGraph graph, String... keyValues) {
        Map<String, String> m = new HashMap<>();
        m.put(SCOPE + ".tenant-id", FakeGraph.TENANT);
        m.put(SCOPE + ".client-id", FakeGraph.CLIENT_ID);
        m.put(SCOPE + ".client-secret", FakeGraph.SECRET);
        m.put(SCOPE + ".endpoint", graph.endpoint());
        m.put(SCOPE + ".login-endpoint", graph.endpoint());
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                m.remove(SCOPE + "." + keyValues[i]);
            } else {
                m.put(SCOPE + "." + keyValues[i], keyValues[i + 1]);
            }
        }
        return Fixtures.settings(SCOPE, m);
    }

    static EntraMonitorProvider provider() {
        return new EntraMonitorProvider(() -> HttpClient.newBuilder().sslContext(LoopbackHttpService.tls()));
    }

    Monitor monitor(String... keyValues) {
        return provider().create(settings(graph, keyValues));
    }

    ScanResult scan(Monitor m, Snapshot previous) {
        return m.scan(ScanContext.of("entra", previous, clock, clock.sleeper(slept), clock.instant().plus(Duration.ofMinutes(5))));
    }

    static Account account(ScanResult r, String upn) {
        return r.snapshot().accounts().stream().filter(a -> a.name().equals(upn)).findFirst()
                .orElseThrow(() -> new AssertionError("no account " + upn + " in " + r.snapshot().accounts()));
    }

    private void tenant() {
        graph.user("u-alice", "alice@contoso.test").with("microsoftAuthenticator", "phone");
        graph.user("u-bob", "bob@contoso.test").with("phone", "email");
        graph.user("u-carol", "carol@contoso.test").with("email");
        graph.user("u-dave", "dave@contoso.test").with("fido2").admin = true;
        graph.user("u-erin", "erin@contoso.test").with("microsoftAuthenticator").enabled = false;
        FakeGraph.User guest = graph.user("u-guest", "gina_fabrikam.test#EXT#@contoso.test");
        guest.userType = "Guest";
        graph.policy("p-all", "Require MFA for all users", "enabled", "mfa");
        graph.refreshReport();
    }

    @Test
    void aFullScanReadsTheReportForEnabledUsersAndTheDirectoryForWhoCanSignIn() {
        tenant();
        try (Monitor m = monitor()) {
            ScanResult r = scan(m, null);
            assertThat(account(r, "alice@contoso.test")).matches(a -> a.state() == MfaState.ENABLED && !a.weak(), "app beside phone");
            assertThat(account(r, "bob@contoso.test")).matches(a -> a.state() == MfaState.ENABLED && a.weak(), "phone only is weak");
            assertThat(account(r, "carol@contoso.test").state()).as("e-mail is no second factor").isEqualTo(MfaState.DISABLED);
            assertThat(account(r, "dave@contoso.test")).matches(Account::critical).matches(a -> a.details().get("role").equals("admin"));
            assertThat(account(r, "erin@contoso.test").state()).isEqualTo(MfaState.NOT_APPLICABLE);
            assertThat(account(r, "gina_fabrikam.test#EXT#@contoso.test")).satisfies(a -> {
                assertThat(a.state()).isEqualTo(MfaState.DISABLED);
                assertThat(a.details()).containsEntry("userType", "Guest");
                assertThat(a.id().value()).isEqualTo("entra:u-guest");
            });
            assertThat(r.snapshot().settings()).extracting(s -> s.id() + "=" + s.enabled())
                    .containsExactlyInAnyOrder("mfa-enforcement=true", "conditional-access:p-all=true");
            assertThat(ChangeDetector.baseline(r.snapshot(), BaselinePolicy.REPORT)).extracting(c -> c.subjectName() + " " + c.kind())
                    .as("security defaults off while Conditional Access requires MFA: no finding")
                    .containsExactlyInAnyOrder("bob@contoso.test ADDED_WITH_WEAK_MFA", "carol@contoso.test ADDED_WITHOUT_MFA",
                            "gina_fabrikam.test#EXT#@contoso.test ADDED_WITHOUT_MFA");
            // users, report, security defaults, Conditional Access: one page each
            assertThat(graph.requests).hasSize(4);
        }
    }

    @Test
    void guestsCanBeLeftToTheirHomeTenant() {
        tenant();
        try (Monitor m = monitor("guests", "ignore")) {
            assertThat(account(scan(m, null), "gina_fabrikam.test#EXT#@contoso.test").state()).isEqualTo(MfaState.NOT_APPLICABLE);
        }
    }

    @Test
    void betweenFullScansTheAuditLogNamesTheUsersToReadLive() {
        tenant();
        try (Monitor m = monitor()) {
            Snapshot base = scan(m, null).snapshot();
            clock.advance(Duration.ofHours(1));
            graph.resetCounts();
            // the report is cached: none of this reaches it before the next refresh
            graph.get("u-alice").only("phone");
            graph.audit("User deleted security info", "u-alice");
            graph.get("u-bob").with("fido2");
            graph.audit("User registered security info", "u-bob");
            graph.get("u-dave").only();
            graph.audit("Admin deleted security info", "u-dave");
            graph.user("u-ivan", "ivan@contoso.test");
            graph.audit("Add user", "u-ivan");
            graph.get("u-carol").enabled = false;
            graph.audit("Disable account", "u-carol");
            graph.get("u-erin").enabled = true;
            graph.audit("Enable account", "u-erin");
            graph.delete("u-guest");
            graph.audit("Delete user", "u-guest");
            graph.get("u-bob").upn = "robert@contoso.test";
            clock.advance(Duration.ofMinutes(1));

            ScanResult r = scan(m, base);
            List<Change> changes = ChangeDetector.diff(base, r.snapshot());
            assertThat(changes).extracting(c -> c.subjectName() + " " + c.kind()).containsExactlyInAnyOrder(
                    "alice@contoso.test MFA_WEAKENED", "robert@contoso.test MFA_STRENGTHENED", "dave@contoso.test MFA_DISABLED",
                    "ivan@contoso.test ADDED_WITHOUT_MFA", "carol@contoso.test MFA_NOT_REQUIRED",
                    "gina_fabrikam.test#EXT#@contoso.test REMOVED");
            assertThat(changes).filteredOn(c -> c.subjectName().startsWith("dave")).extracting(Change::severity)
                    .containsExactly(Severity.CRITICAL);
            // audit log, security defaults, Conditional Access; then a user (and its methods if it can sign in) per target
            assertThat(graph.count("GET /v1.0/auditLogs")).isEqualTo(1);
            assertThat(graph.count("GET /v1.0/reports")).isZero();
            assertThat(graph.requests).hasSize(3 + 7 + 5);

            // the next full scan reads a report older than those live reads: it does not flip them back
            clock.advance(Duration.ofHours(24));
            ScanResult full = scan(m, r.snapshot());
            assertThat(ChangeDetector.diff(r.snapshot(), full.snapshot())).isEmpty();
            // once the report catches up, it is used again
            graph.refreshReport();
            clock.advance(Duration.ofHours(24));
            graph.resetCounts();
            ScanResult fresh = scan(m, full.snapshot());
            assertThat(ChangeDetector.diff(full.snapshot(), fresh.snapshot())).isEmpty();
            assertThat(graph.count("GET /v1.0/users/")).isZero();
        }
    }

    @Test
    void anIncrementalScanWithNothingNewCostsThreeGraphRequests() {
        tenant();
        try (Monitor m = monitor()) {
            Snapshot base = scan(m, null).snapshot();
            clock.advance(Duration.ofMinutes(30));
            graph.resetCounts();
            ScanResult r = scan(m, base);
            assertThat(graph.requests).hasSize(3);
            assertThat(graph.tokenRequests).as("the token is kept across scans").isZero();
            assertThat(ChangeDetector.diff(base, r.snapshot())).isEmpty();
        }
    }

    @Test
    void aLateEventInsideTheOverlapIsActedOnOnce() {
        tenant();
        try (Monitor m = monitor("overlap", "20m")) {
            Snapshot s = scan(m, null).snapshot();
            clock.advance(Duration.ofMinutes(30));
            graph.get("u-carol").with("softwareOath");
            graph.audit("User registered security info", "u-carol", clock.instant().minus(Duration.ofMinutes(2)));
            s = scan(m, s).snapshot();
            clock.advance(Duration.ofMinutes(10));
            graph.get("u-alice").only();
            graph.audit("User deleted security info", "u-alice", clock.instant().minus(Duration.ofMinutes(15)));
            graph.resetCounts();
            ScanResult r = scan(m, s);
            assertThat(account(r, "alice@contoso.test").state()).isEqualTo(MfaState.DISABLED);
            assertThat(graph.count("GET /v1.0/users/u-carol")).isZero();
            assertThat(account(r, "carol@contoso.test").state()).isEqualTo(MfaState.ENABLED);
        }
    }

    @Test
    void aPolicyThatStopsRequiringMfaIsOneFindingAndLosingAllOfThemIsOne() {
        tenant();
        graph.policy("p-admins", "Require MFA for admins", "enabled", "mfa");
        graph.policy("p-block", "Block legacy auth", "enabled", "block");
        try (Monitor m = monitor()) {
            Snapshot s = scan(m, null).snapshot();
            graph.policy("p-admins", "Require MFA for admins", "enabledForReportingButNotEnforced", "mfa");
            clock.advance(Duration.ofMinutes(10));
            Snapshot s2 = scan(m, s).snapshot();
            assertThat(ChangeDetector.diff(s, s2)).extracting(c -> c.subjectName() + " " + c.kind())
                    .containsExactly("Conditional Access policy 'Require MFA for admins' (report-only) SETTING_DISABLED");
            clock.advance(Duration.ofMinutes(10));
            Snapshot s3 = scan(m, s2).snapshot();
            assertThat(ChangeDetector.diff(s2, s3)).as("reported once").isEmpty();
            graph.policies.remove("p-all");
            clock.advance(Duration.ofMinutes(10));
            Snapshot s4 = scan(m, s3).snapshot();
            assertThat(ChangeDetector.diff(s3, s4)).extracting(c -> c.kind() + " " + c.subjectName()).singleElement().asString()
                    .startsWith("SETTING_DISABLED MFA is required by neither security defaults nor an enabled Conditional Access policy")
                    .contains("Require MFA for all users");
            graph.securityDefaults = true;
            clock.advance(Duration.ofMinutes(10));
            Snapshot s5 = scan(m, s4).snapshot();
            assertThat(ChangeDetector.diff(s4, s5)).extracting(c -> c.kind().name()).containsExactly("SETTING_ENABLED");
            graph.securityDefaults = false;
            graph.policy("p-all", "Require MFA for all users", "enabled", "mfa");
            clock.advance(Duration.ofMinutes(10));
            Snapshot s6 = scan(m, s5).snapshot();
            assertThat(ChangeDetector.diff(s5, s6)).as("security defaults off for Conditional Access: the usual move")
                    .extracting(c -> c.subjectName() + " " + c.kind()).containsExactly("security defaults SETTING_DISABLED");
        }
    }

    @Test
    void aTenantWithNothingRequiringMfaIsOneFindingAtBaseline() {
        tenant();
        graph.policies.clear();
        try (Monitor m = monitor()) {
            Snapshot s = scan(m, null).snapshot();
            assertThat(ChangeDetector.baseline(s, BaselinePolicy.REPORT)).filteredOn(c -> c.kind().name().startsWith("SETTING"))
                    .hasSize(1);
        }
    }

    @Test
    void withoutTheLicenceTheReportFailsTheScanNamingIt() {
        tenant();
        graph.refuse("/v1.0/reports/", "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
                "Neither tenant is B2C or tenant doesn't have premium license");
        try (Monitor m = monitor()) {
            assertThatThrownBy(() -> scan(m, null)).isInstanceOf(MonitorException.class).hasMessageContaining("P1 or P2")
                    .hasMessageContaining("Directory.Read.All").hasMessageNotContaining(FakeGraph.SECRET);
        }
    }

    @Test
    void withoutAPermissionTheScanFailsNamingIt() {
        tenant();
        graph.refuse("/v1.0/identity/conditionalAccess", "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        try (Monitor m = monitor()) {
            assertThatThrownBy(() -> scan(m, null)).isInstanceOf(MonitorException.class).hasMessageContaining("Policy.Read.All");
        }
    }

    @Test
    void aRefusedMethodsReadFailsTheScan() {
        tenant();
        graph.user("u-new", "new@contoso.test");
        graph.refuse("/v1.0/users/u-new/authentication", "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        try (Monitor m = monitor()) {
            assertThatThrownBy(() -> scan(m, null)).hasMessageContaining("UserAuthenticationMethod.Read.All");
        }
    }

    @Test
    void aRefusedAuditLogFallsBackToAFullScanWithAWarning() {
        tenant();
        try (Monitor m = monitor()) {
            Snapshot s = scan(m, null).snapshot();
            graph.refuse("/v1.0/auditLogs", "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
            clock.advance(Duration.ofMinutes(10));
            graph.resetCounts();
            ScanResult r = scan(m, s);
            assertThat(r.warnings()).singleElement().asString().contains("audit log is refused", "AuditLog.Read.All");
            assertThat(graph.count("GET /v1.0/reports")).isEqualTo(1);
        }
    }

    @Test
    void aFailedMiddlePageFailsTheWholeScan() {
        for (int i = 0; i < 30; i++) {
            graph.user("u-" + i, "user" + i + "@contoso.test").with("microsoftAuthenticator");
        }
        graph.refreshReport();
        graph.pageSize = 10;
        graph.fail("$skiptoken=10", 5);
        try (Monitor m = monitor()) {
            assertThatThrownBy(() -> scan(m, null)).isInstanceOf(MonitorException.class).hasMessageContaining("HTTP 500");
        }
    }

    @Test
    void throttlingWaitsAsGraphAsks() {
        tenant();
        graph.throttleOnce("/v1.0/reports/");
        try (Monitor m = monitor()) {
            assertThat(scan(m, null).snapshot().accounts()).hasSize(6);
            assertThat(slept).contains(Duration.ofSeconds(7));
        }
    }

    @Test
    void aWrongSecretFailsNamingTheFix() {
        tenant();
        graph.secret = "another";
        try (Monitor m = monitor()) {
            assertThatThrownBy(() -> scan(m, null)).isInstanceOf(MonitorException.class).hasMessageContaining("AADSTS7000215")
                    .hasMessageContaining("client secret is wrong or expired").hasMessageNotContaining(FakeGraph.SECRET);
        }
    }

    @Test
    void anUnknownAppFailsNamingTheIds() {
        tenant();
        try (Monitor m = monitor("client-id", "ffffffff-bbbb-cccc-dddd-eeeeeeeeeeee")) {
            assertThatThrownBy(() -> scan(m, null)).hasMessageContaining("AADSTS700016").hasMessageContaining("check client-id");
        }
    }
}
