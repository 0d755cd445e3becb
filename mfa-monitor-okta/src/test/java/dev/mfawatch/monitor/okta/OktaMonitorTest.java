package dev.mfawatch.monitor.okta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.core.ChangeDetector;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
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

class OktaMonitorTest {

    static final String SCOPE = "mfawatch.monitor.okta";

    private final FakeOkta okta = new FakeOkta();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final List<Duration> slept = new ArrayList<>();

    OktaMonitorTest() {
        okta.clock(clock::instant);
    }

    @AfterEach
    void stop() {
        okta.close();
    }

    static Settings settings(FakeOkta okta, String... keyValues) {
        Map<String, String> m = new HashMap<>();
        m.put(SCOPE + ".endpoint", okta.endpoint());
        m.put(SCOPE + ".token", FakeOkta.TOKEN);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                m.remove(SCOPE + "." + keyValues[i]);
            } else {
                m.put(SCOPE + "." + keyValues[i], keyValues[i + 1]);
            }
        }
        return Fixtures.settings(SCOPE, m);
    }

    Monitor monitor(String... keyValues) {
        return new OktaMonitorProvider().create(settings(okta, keyValues));
    }

    ScanResult scan(Monitor m, Snapshot previous) {
        return m.scan(ScanContext.of("okta", previous, clock, clock.sleeper(slept), clock.instant().plus(Duration.ofMinutes(20))));
    }

    static Account account(ScanResult r, String login) {
        return r.snapshot().accounts().stream().filter(a -> a.name().equals(login)).findFirst()
                .orElseThrow(() -> new AssertionError("no account " + login + " in " + r.snapshot().accounts()));
    }

    private void org() {
        okta.user("00ualice", "alice@acme.test").factor("push").factor("sms");
        okta.user("00ubob", "bob@acme.test").factor("sms").factor("question");
        okta.user("00ucarol", "carol@acme.test");
        okta.user("00udave", "dave@acme.test").factor("webauthn");
        okta.admin("00udave", true);
        okta.user("00uerin", "erin@acme.test").status = "SUSPENDED";
        okta.user("00ufrank", "frank@acme.test").factor("token:software:totp", "PENDING_ACTIVATION");
        okta.user("00ugrace", "grace@acme.test").factor("signed_nonce");
        okta.user("00uheidi", "heidi@acme.test").factor("token:hardware").status = "PASSWORD_EXPIRED";
    }

    @Test
    void aFullScanReadsEveryUserWithTheirActiveFactors() {
        org();
        try (Monitor m = monitor()) {
            ScanResult r = scan(m, null);
            assertThat(account(r, "alice@acme.test")).satisfies(a -> {
                assertThat(a.id().value()).isEqualTo("okta:00ualice");
                assertThat(a.state()).isEqualTo(MfaState.ENABLED);
                assertThat(a.weak()).as("push beside SMS is strong").isFalse();
                assertThat(a.details()).containsEntry("factors", "push,sms").containsEntry("role", "user").containsEntry("status", "ACTIVE");
            });
            assertThat(account(r, "bob@acme.test")).matches(a -> a.state() == MfaState.ENABLED && a.weak(), "SMS and question only: weak");
            assertThat(account(r, "carol@acme.test").state()).isEqualTo(MfaState.DISABLED);
            assertThat(account(r, "dave@acme.test")).matches(a -> a.critical() && "admin".equals(a.details().get("role")));
            assertThat(account(r, "erin@acme.test").state()).isEqualTo(MfaState.NOT_APPLICABLE);
            assertThat(account(r, "frank@acme.test").state()).as("a factor pending activation does not count").isEqualTo(MfaState.DISABLED);
            assertThat(account(r, "grace@acme.test")).matches(a -> a.state() == MfaState.ENABLED && !a.weak(), "FastPass is strong");
            assertThat(account(r, "heidi@acme.test").state()).as("an expired password can still sign in").isEqualTo(MfaState.ENABLED);
            // the suspended user's factors are not read: they cannot matter
            assertThat(okta.count("GET /api/v1/users/00uerin/factors")).isZero();
            assertThat(okta.count("GET /api/v1/users/")).isEqualTo(7);
        }
    }

    @Test
    void betweenFullScansTheSystemLogNamesTheUsersToReadAgain() {
        org();
        try (Monitor m = monitor()) {
            Snapshot base = scan(m, null).snapshot();
            clock.advance(Duration.ofHours(1));
            okta.resetCounts();
            // alice turns push off and keeps SMS: weakened
            okta.get("00ualice").noFactors().factor("sms");
            okta.event("user.mfa.factor.deactivate", "00ualice");
            // bob adds an authenticator app: strengthened
            okta.get("00ubob").factor("token:software:totp");
            okta.event("user.mfa.factor.activate", "00ubob");
            // dave, an administrator, has his factors reset: critical
            okta.get("00udave").noFactors();
            okta.event("user.mfa.factor.reset_all", "00udave");
            // a new user without MFA
            okta.user("00uivan", "ivan@acme.test");
            okta.event("user.lifecycle.create", "00uivan");
            // carol is suspended; erin is back, without MFA
            okta.get("00ucarol").status = "SUSPENDED";
            okta.event("user.lifecycle.suspend", "00ucarol");
            okta.get("00uerin").status = "ACTIVE";
            okta.event("user.lifecycle.unsuspend", "00uerin");
            // grace is renamed, which Okta logs under no watched event: no change, and no request
            okta.get("00ugrace").login = "grace.hopper@acme.test";
            clock.advance(Duration.ofMinutes(1));

            ScanResult r = scan(m, base);
            List<Change> changes = ChangeDetector.diff(base, r.snapshot());
            assertThat(changes).extracting(c -> c.subjectName() + " " + c.kind()).containsExactlyInAnyOrder(
                    "alice@acme.test MFA_WEAKENED", "bob@acme.test MFA_STRENGTHENED", "dave@acme.test MFA_DISABLED",
                    "ivan@acme.test ADDED_WITHOUT_MFA", "carol@acme.test MFA_NOT_REQUIRED", "erin@acme.test MFA_DISABLED");
            assertThat(changes).filteredOn(c -> c.subjectName().startsWith("dave")).extracting(Change::severity)
                    .containsExactly(Severity.CRITICAL);
            // one System Log page, one page of administrators, then each of the 6 users named and the factors of the 5 who
            // can sign in (suspended carol's do not matter)
            assertThat(okta.requests).hasSize(2 + 6 + 5);
            assertThat(okta.count("GET /api/v1/users?")).as("no full listing").isZero();
            assertThat(r.warnings()).isEmpty();
        }
    }

    @Test
    void anIncrementalScanWithNothingNewCostsTwoRequests() {
        org();
        try (Monitor m = monitor()) {
            Snapshot base = scan(m, null).snapshot();
            clock.advance(Duration.ofMinutes(30));
            okta.resetCounts();
            ScanResult r = scan(m, base);
            assertThat(okta.requests).hasSize(2);
            assertThat(ChangeDetector.diff(base, r.snapshot())).isEmpty();
        }
    }

    @Test
    void aFullScanRunsAgainAfterFullScanEvery() {
        org();
        try (Monitor m = monitor("full-scan-every", "6h")) {
            Snapshot s = scan(m, null).snapshot();
            clock.advance(Duration.ofHours(5));
            s = scan(m, s).snapshot();
            // a change the System Log does not report (an expired factor) is caught by the next full scan
            okta.get("00ualice").noFactors();
            clock.advance(Duration.ofHours(1));
            okta.resetCounts();
            ScanResult r = scan(m, s);
            assertThat(okta.count("GET /api/v1/users?limit=200")).isEqualTo(1);
            assertThat(account(r, "alice@acme.test").state()).isEqualTo(MfaState.DISABLED);
        }
    }

    @Test
    void aLateEventInsideTheOverlapIsActedOnOnce() {
        org();
        try (Monitor m = monitor("overlap", "10m")) {
            Snapshot s = scan(m, null).snapshot();
            clock.advance(Duration.ofMinutes(20));
            okta.get("00ucarol").factor("push");
            okta.event("user.mfa.factor.activate", "00ucarol", clock.instant().minus(Duration.ofMinutes(5)));
            s = scan(m, s).snapshot();
            assertThat(s.accounts()).filteredOn(a -> a.name().startsWith("carol")).extracting(Account::state)
                    .containsExactly(MfaState.ENABLED);
            // Okta shows an event minutes late: published before the last read's end, inside the overlap
            clock.advance(Duration.ofMinutes(5));
            okta.get("00ubob").noFactors();
            okta.event("user.mfa.factor.deactivate", "00ubob", clock.instant().minus(Duration.ofMinutes(8)));
            okta.resetCounts();
            ScanResult r = scan(m, s);
            assertThat(account(r, "bob@acme.test").state()).isEqualTo(MfaState.DISABLED);
            // carol's event is inside the overlap again, but was acted on: only bob is read again
            assertThat(okta.count("GET /api/v1/users/00ucarol")).isZero();
            assertThat(okta.count("GET /api/v1/users/00ubob")).isEqualTo(2);
        }
    }

    @Test
    void aSystemLogThatLinksOnForEverEndsAtItsFirstEmptyPage() {
        org();
        try (Monitor m = monitor()) {
            Snapshot s = scan(m, null).snapshot();
            okta.override("/api/v1/logs", x -> FakeOkta.reply(x, 200, Map.of("Content-Type", "application/json",
                    "Link", "<" + okta.endpoint() + "/api/v1/logs?after=1>; rel=\"next\""), "[]"));
            clock.advance(Duration.ofMinutes(10));
            scan(m, s);
            assertThat(okta.count("GET /api/v1/logs")).isEqualTo(1);
        }
    }

    @Test
    void aDeletedOrDeactivatedUserIsRemovedAsTheFullListWouldDrop() {
        org();
        try (Monitor m = monitor()) {
            Snapshot s = scan(m, null).snapshot();
            clock.advance(Duration.ofMinutes(10));
            okta.get("00ucarol").status = "DEPROVISIONED";
            okta.event("user.lifecycle.deactivate", "00ucarol");
            okta.delete("00ubob");
            okta.event("user.lifecycle.delete.initiated", "00ubob");
            clock.advance(Duration.ofMinutes(1));
            ScanResult r = scan(m, s);
            assertThat(ChangeDetector.diff(s, r.snapshot())).extracting(c -> c.subjectName() + " " + c.kind())
                    .containsExactlyInAnyOrder("carol@acme.test REMOVED", "bob@acme.test REMOVED");
        }
    }

    @Test
    void anAdministratorGrantedBetweenFullScansBecomesCritical() {
        org();
        try (Monitor m = monitor()) {
            Snapshot s = scan(m, null).snapshot();
            okta.admin("00ucarol", true);
            clock.advance(Duration.ofMinutes(10));
            ScanResult r = scan(m, s);
            assertThat(account(r, "carol@acme.test")).matches(Account::critical).matches(a -> "admin".equals(a.details().get("role")));
        }
    }

    @Test
    void aRefusedFactorListFailsTheScanNamingWhatToGrant() {
        org();
        okta.refuse("/api/v1/users/00ubob/factors");
        try (Monitor m = monitor()) {
            assertThatThrownBy(() -> scan(m, null)).isInstanceOf(MonitorException.class)
                    .hasMessageContaining("users' factors").hasMessageContaining("E0000006").hasMessageContaining("Read-only Administrator")
                    .hasMessageNotContaining(FakeOkta.TOKEN);
        }
    }

    @Test
    void aRefusedRoleListFailsTheScanRatherThanLosingTheAdministrators() {
        org();
        okta.missingScope("/api/v1/iam/assignees/users", "okta.roles.read");
        try (Monitor m = monitor()) {
            assertThatThrownBy(() -> scan(m, null)).isInstanceOf(MonitorException.class)
                    .hasMessageContaining("administrators").hasMessageContaining("insufficient_scope");
        }
    }

    @Test
    void aRefusedSystemLogFallsBackToAFullScanWithAWarning() {
        org();
        try (Monitor m = monitor()) {
            Snapshot s = scan(m, null).snapshot();
            okta.refuse("/api/v1/logs");
            okta.get("00ualice").noFactors();
            clock.advance(Duration.ofMinutes(10));
            okta.resetCounts();
            ScanResult r = scan(m, s);
            assertThat(r.warnings()).singleElement().asString().contains("System Log is refused").contains("Read-only Administrator");
            assertThat(okta.count("GET /api/v1/users?limit=200")).isEqualTo(1);
            assertThat(account(r, "alice@acme.test").state()).isEqualTo(MfaState.DISABLED);
        }
    }

    @Test
    void aFailedMiddlePageFailsTheWholeScan() {
        for (int i = 0; i < 450; i++) {
            okta.user(String.format("00u%05d", i), "u" + i + "@acme.test").factor("push");
        }
        okta.fail("after=00u00199", 5);
        try (Monitor m = monitor()) {
            assertThatThrownBy(() -> scan(m, null)).isInstanceOf(MonitorException.class).hasMessageContaining("HTTP 500")
                    .hasMessageContaining("users");
        }
    }

    @Test
    void aPassingServerErrorIsRetried() {
        org();
        okta.fail("/api/v1/users/00ubob/factors", 1);
        try (Monitor m = monitor()) {
            assertThat(account(scan(m, null), "bob@acme.test").state()).isEqualTo(MfaState.ENABLED);
            assertThat(slept).isNotEmpty();
        }
    }

    @Test
    void a429WaitsForTheResetAndGoesOn() {
        org();
        okta.rateLimitResetSeconds = 40;
        okta.rateLimitOnce("/api/v1/users/00ucarol");
        try (Monitor m = monitor()) {
            ScanResult r = scan(m, null);
            assertThat(account(r, "carol@acme.test").state()).isEqualTo(MfaState.DISABLED);
            assertThat(slept).anySatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(41)));
        }
    }

    @Test
    void aRateLimitThatLiftsPastTheDeadlineFailsAtOnce() {
        org();
        okta.rateLimitResetSeconds = 3600;
        okta.rateLimitOnce("/api/v1/users/00ucarol");
        try (Monitor m = monitor()) {
            assertThatThrownBy(() -> scan(m, null)).isInstanceOf(MonitorException.class).hasMessageContaining("rate limit")
                    .hasMessageContaining("429");
            assertThat(slept).allSatisfy(d -> assertThat(d).isLessThan(Duration.ofMinutes(20)));
        }
    }

    @Test
    void pacingLeavesTheReserveToOtherClients() {
        for (int i = 0; i < 30; i++) {
            okta.user(String.format("00u%05d", i), "u" + i + "@acme.test").factor("push");
        }
        okta.bucketLimit = 20;
        okta.rateLimitResetSeconds = 60;
        try (Monitor m = monitor("rate-limit-reserve", "25%")) {
            ScanResult r = scan(m, null);
            assertThat(r.snapshot().accounts()).hasSize(30);
            // 30 factor reads from a bucket of 20 that keeps 5 back: at least one wait for the reset, and no 429 at all
            assertThat(slept).isNotEmpty();
            assertThat(okta.requests).hasSize(1 + 1 + 30);
        }
    }

    @Test
    void aWrongTokenFailsNamingTheToken() {
        org();
        try (Monitor m = monitor("token", "00wrong-token")) {
            assertThatThrownBy(() -> scan(m, null)).isInstanceOf(MonitorException.class).hasMessageContaining("E0000011")
                    .hasMessageContaining("expired").hasMessageNotContaining("00wrong-token");
        }
    }

    @Test
    void anotherOrgsCursorStartsAFullScan() {
        org();
        try (Monitor m = monitor()) {
            Snapshot s = scan(m, null).snapshot();
            Snapshot moved = new Snapshot(s.monitor(), s.takenAt(), s.accounts(), s.settings(), s.cursor().replace("127.0.0.1", "acme.okta.com"));
            okta.resetCounts();
            scan(m, moved);
            assertThat(okta.count("GET /api/v1/users?limit=200")).isEqualTo(1);
        }
    }
}
