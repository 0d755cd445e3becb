package dev.mfawatch.monitor.google;

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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoogleWorkspaceMonitorTest {

    static final String SCOPE = "mfawatch.monitor.gws";

    private final FakeGoogle google = new FakeGoogle();
    private final TestClock clock = new TestClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    private final List<Duration> slept = new ArrayList<>();
    @TempDir
    Path dir;

    GoogleWorkspaceMonitorTest() {
        google.clock(clock::instant);
    }

    @AfterEach
    void stop() {
        google.close();
    }

    static Settings settings(FakeGoogle google, Path dir, String... keyValues) {
        Map<String, String> m = new HashMap<>();
        try {
            m.put(SCOPE + ".credentials-file", google.keyFile(dir).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        m.put(SCOPE + ".subject", FakeGoogle.ADMIN);
        m.put(SCOPE + ".endpoint", google.endpoint());
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(SCOPE + "." + keyValues[i], keyValues[i + 1]);
        }
        return Fixtures.settings(SCOPE, m);
    }

    Monitor monitor(String... keyValues) {
        return new GoogleWorkspaceMonitorProvider().create(settings(google, dir, keyValues));
    }

    ScanResult scan(Monitor m, Snapshot previous) {
        return m.scan(ScanContext.of("gws", previous, clock, clock.sleeper(slept), clock.instant().plus(Duration.ofMinutes(5))));
    }

    static Account account(ScanResult r, String email) {
        return r.snapshot().accounts().stream().filter(a -> a.name().equals(email)).findFirst()
                .orElseThrow(() -> new AssertionError("no account " + email + " in " + r.snapshot().accounts()));
    }

    private void domain() {
        google.user("100", "alice@example.test").enrolled = true;
        google.user("101", "bob@example.test");
        FakeGoogle.User carol = google.user("102", "carol@example.test");
        carol.enforced = true;
        FakeGoogle.User dave = google.user("103", "dave@example.test");
        dave.enrolled = true;
        dave.superAdmin = true;
        google.user("104", "erin@example.test").suspended = true;
        google.user("105", "frank@example.test").archived = true;
        FakeGoogle.User grace = google.user("106", "grace@example.test");
        grace.delegatedAdmin = true;
        grace.enrolled = true;
    }

    @Test
    void aFullScanListsEveryUserWithTheirEnrolment() {
        domain();
        try (Monitor m = monitor()) {
            ScanResult r = scan(m, null);
            assertThat(account(r, "alice@example.test")).matches(a -> a.state() == MfaState.ENABLED && !a.weak());
            assertThat(account(r, "alice@example.test").id().value()).isEqualTo("google:100");
            assertThat(account(r, "bob@example.test").state()).isEqualTo(MfaState.DISABLED);
            assertThat(account(r, "carol@example.test")).satisfies(a -> {
                assertThat(a.state()).isEqualTo(MfaState.DISABLED);
                assertThat(a.details()).containsEntry("2svEnforced", "true").containsKey("2svPending");
            });
            assertThat(account(r, "dave@example.test")).matches(Account::critical).matches(a -> a.details().get("role").equals("super-admin"));
            assertThat(account(r, "erin@example.test").state()).isEqualTo(MfaState.NOT_APPLICABLE);
            assertThat(account(r, "frank@example.test").state()).isEqualTo(MfaState.NOT_APPLICABLE);
            assertThat(account(r, "grace@example.test")).matches(a -> !a.critical() && a.details().get("role").equals("delegated-admin"));
            assertThat(google.requests).hasSize(1);
            assertThat(google.tokenRequests).isEqualTo(1);
        }
    }

    @Test
    void betweenFullScansTheReportsApiNamesTheUsersToReadAgain() {
        domain();
        try (Monitor m = monitor()) {
            Snapshot base = scan(m, null).snapshot();
            clock.advance(Duration.ofHours(1));
            google.resetCounts();
            google.get("100").enrolled = false;
            google.login("2sv_disable", "100", clock.instant().minusSeconds(60));
            google.get("101").enrolled = true;
            google.login("2sv_enroll", "101", clock.instant().minusSeconds(50));
            google.get("103").enrolled = false;
            google.login("2sv_disable", "103", clock.instant().minusSeconds(40));
            google.user("107", "ivan@example.test");
            google.admin("CREATE_USER", "ivan@example.test", clock.instant().minusSeconds(30));
            google.get("102").suspended = true;
            google.admin("SUSPEND_USER", "carol@example.test", clock.instant().minusSeconds(20));
            google.delete("106");
            google.admin("DELETE_USER", "grace@example.test", clock.instant().minusSeconds(10));
            google.get("104").email = "erin.renamed@example.test";

            ScanResult r = scan(m, base);
            List<Change> changes = ChangeDetector.diff(base, r.snapshot());
            assertThat(changes).extracting(c -> c.subjectName() + " " + c.kind()).containsExactlyInAnyOrder(
                    "alice@example.test MFA_DISABLED", "bob@example.test MFA_ENABLED", "dave@example.test MFA_DISABLED",
                    "ivan@example.test ADDED_WITHOUT_MFA", "carol@example.test MFA_NOT_REQUIRED", "grace@example.test REMOVED");
            assertThat(changes).filteredOn(c -> c.subjectName().startsWith("dave")).extracting(Change::severity)
                    .containsExactly(Severity.CRITICAL);
            // two login queries, one admin query, then one user read per user named
            assertThat(google.requests).hasSize(3 + 6);
            assertThat(google.count("GET /admin/directory/v1/users?")).isZero();
            assertThat(google.tokenRequests).as("the token is kept").isZero();
        }
    }

    @Test
    void anIncrementalScanWithNothingNewCostsThreeRequests() {
        domain();
        try (Monitor m = monitor()) {
            Snapshot base = scan(m, null).snapshot();
            clock.advance(Duration.ofMinutes(30));
            google.resetCounts();
            ScanResult r = scan(m, base);
            assertThat(google.requests).hasSize(3);
            assertThat(ChangeDetector.diff(base, r.snapshot())).isEmpty();
        }
    }

    @Test
    void aLoginEventShownHoursLateIsStillActedOnOnce() {
        domain();
        try (Monitor m = monitor()) {
            Snapshot s = scan(m, null).snapshot();
            clock.advance(Duration.ofHours(1));
            google.get("101").enrolled = true;
            google.login("2sv_enroll", "101", clock.instant().minusSeconds(600));
            s = scan(m, s).snapshot();
            clock.advance(Duration.ofHours(2));
            // Google shows this one three hours after it happened, long after the last read
            google.get("100").enrolled = false;
            google.login("2sv_disable", "100", clock.instant().minus(Duration.ofHours(3)));
            google.resetCounts();
            ScanResult r = scan(m, s);
            assertThat(account(r, "alice@example.test").state()).isEqualTo(MfaState.DISABLED);
            assertThat(google.count("GET /admin/directory/v1/users/101")).as("bob's event was acted on").isZero();
        }
    }

    @Test
    void aFullScanRunsAgainAfterFullScanEvery() {
        domain();
        try (Monitor m = monitor("full-scan-every", "12h")) {
            Snapshot s = scan(m, null).snapshot();
            clock.advance(Duration.ofHours(12));
            google.resetCounts();
            scan(m, s);
            assertThat(google.count("GET /admin/directory/v1/users?")).isEqualTo(1);
        }
    }

    @Test
    void aSubjectThatIsNoAdminFailsTheScanNamingThePrivilege() {
        domain();
        google.admins = java.util.Set.of("someone-else@example.test");
        try (Monitor m = monitor()) {
            assertThatThrownBy(() -> scan(m, null)).isInstanceOf(MonitorException.class).hasMessageContaining("Not Authorized")
                    .hasMessageContaining("Users > Read");
        }
    }

    @Test
    void delegationWithoutTheScopeFailsNamingTheClientIdAndScopes() {
        domain();
        google.delegatedScopes = java.util.Set.of("https://www.googleapis.com/auth/admin.directory.user.readonly");
        try (Monitor m = monitor()) {
            assertThatThrownBy(() -> scan(m, null)).isInstanceOf(MonitorException.class).hasMessageContaining("unauthorized_client")
                    .hasMessageContaining(FakeGoogle.CLIENT_ID).hasMessageContaining("admin.reports.audit.readonly")
                    .hasMessageContaining("Domain-wide delegation");
        }
    }

    @Test
    void aSubjectOutsideTheDomainFailsAsInvalidGrant() {
        domain();
        try (Monitor m = monitor("subject", "admin@elsewhere.test")) {
            assertThatThrownBy(() -> scan(m, null)).hasMessageContaining("invalid_grant").hasMessageContaining("subject");
        }
    }

    @Test
    void aHiddenEnrolmentFailsTheScan() {
        domain();
        google.hideTwoStep = true;
        try (Monitor m = monitor()) {
            assertThatThrownBy(() -> scan(m, null)).hasMessageContaining("isEnrolledIn2Sv").hasMessageContaining("administrator");
        }
    }

    @Test
    void aRefusedReportsApiFallsBackToAFullScanWithAWarning() {
        domain();
        try (Monitor m = monitor()) {
            Snapshot s = scan(m, null).snapshot();
            google.refuse("/admin/reports/");
            clock.advance(Duration.ofMinutes(30));
            google.resetCounts();
            ScanResult r = scan(m, s);
            assertThat(r.warnings()).singleElement().asString().contains("Reports API is refused", "Reports privilege");
            assertThat(google.count("GET /admin/directory/v1/users?")).isEqualTo(1);
        }
    }

    @Test
    void rateLimitsAndServerErrorsBackOff() {
        domain();
        google.rateLimitOnce("/admin/directory/v1/users");
        google.fail("/admin/directory/v1/users", 1);
        try (Monitor m = monitor()) {
            assertThat(scan(m, null).snapshot().accounts()).hasSize(7);
            assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        }
    }

    @Test
    void aFailedMiddlePageFailsTheWholeScan() {
        for (int i = 0; i < 1200; i++) {
            google.user("u" + i, "user" + i + "@example.test").enrolled = true;
        }
        google.fail("pageToken=500", 20);
        try (Monitor m = monitor()) {
            assertThatThrownBy(() -> scan(m, null)).isInstanceOf(MonitorException.class).hasMessageContaining("503");
        }
    }

    @Test
    void startUpNamesEveryMistakeWithoutTheKey() throws IOException {
        Path notAKey = Files.writeString(dir.resolve("key.json"), "{\"type\":\"authorized_user\",\"refresh_token\":\"1//canary\"}");
        Map<String, String> bad = Map.of("credentials-file", notAKey.toString(), "subject", "not-an-email", "customer", "acme",
                "endpoint", "http://admin.googleapis.com");
        assertThatThrownBy(() -> new GoogleWorkspaceMonitorProvider().create(Settings.of("mfawatch.monitor.gws", bad)))
                .isInstanceOf(ConfigurationException.class).hasMessageNotContaining("1//canary");
        ConfigurationException all = null;
        try {
            dev.mfawatch.core.MfaWatch.builder().settings(Map.of("mfawatch.monitors", "gws", "mfawatch.monitor.gws.type", "google-workspace",
                    "mfawatch.monitor.gws.credentials-file", notAKey.toString(), "mfawatch.monitor.gws.subject", "admin@example.test",
                    "mfawatch.monitor.gws.endpoint", "http://admin.googleapis.com", "mfawatch.store.type", "memory")).build();
        } catch (ConfigurationException e) {
            all = e;
        }
        assertThat(all).isNotNull();
        assertThat(all.getMessage()).contains("credentials-file", "not a service account key", "endpoint", "in clear")
                .doesNotContain("1//canary");
        assertThat(new GoogleWorkspaceMonitorProvider().defaultTimeout()).isEqualTo(Duration.ofMinutes(5));
    }
}
