package dev.mfawatch.monitor.okta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import dev.mfawatch.spi.contract.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests per scan, counted at the fake: the numbers in the README. A full scan is one page of
 * administrators, ⌈N/200⌉ pages of users and one factor list per user who can sign in; an
 * incremental scan is one System Log page and one page of administrators, plus a user and its
 * factors per user the log names. Okta's limits are per minute, so the fake's bucket (600 a minute,
 * Okta's usual for these endpoints) makes a 5,000-user full scan wait for resets: the waits are
 * counted too, and the scan still fits the default time limit.
 */
class RequestCountTest {

    private final FakeOkta okta = new FakeOkta();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final List<Duration> slept = new ArrayList<>();

    RequestCountTest() {
        okta.clock(clock::instant);
        okta.rateLimitResetSeconds = 60;
        okta.bucketLimit = 600;
    }

    @AfterEach
    void stop() {
        okta.close();
    }

    private ScanResult scan(Monitor m, Snapshot previous) {
        return m.scan(ScanContext.of("okta", previous, clock, clock.sleeper(slept),
                clock.instant().plus(Duration.ofMinutes(OktaMonitorProvider.DEFAULT_TIMEOUT_MINUTES))));
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 5000})
    void requestsPerScan(int users) {
        for (int i = 0; i < users; i++) {
            okta.user(String.format("00u%06d", i), "user" + i + "@acme.test").factor(i % 7 == 0 ? "sms" : "push");
        }
        okta.admin("00u000001", true);
        try (Monitor m = new OktaMonitorProvider().create(OktaMonitorTest.settings(okta))) {
            Instant start = clock.instant();
            ScanResult full = scan(m, null);
            int fullRequests = okta.requests.size();
            Duration fullTook = Duration.between(start, clock.instant());
            assertThat(full.snapshot().accounts()).hasSize(users);
            assertThat(fullRequests).isEqualTo(1 + (users + 199) / 200 + users);

            clock.advance(Duration.ofMinutes(15));
            okta.resetCounts();
            ScanResult quiet = scan(m, full.snapshot());
            int quietRequests = okta.requests.size();
            assertThat(quietRequests).isEqualTo(2);

            clock.advance(Duration.ofMinutes(15));
            for (int i = 0; i < 10; i++) {
                String id = String.format("00u%06d", i);
                okta.get(id).noFactors();
                okta.event("user.mfa.factor.deactivate", id, clock.instant().minusSeconds(30));
            }
            okta.resetCounts();
            scan(m, quiet.snapshot());
            int changedRequests = okta.requests.size();
            assertThat(changedRequests).isEqualTo(2 + 10 * 2);

            System.out.printf("okta requests at %d users: full %d (%d waits for a rate-limit reset, %d s), incremental %d, "
                    + "incremental with 10 changed users %d%n", users, fullRequests, slept.size(), fullTook.toSeconds(), quietRequests,
                    changedRequests);
            assertThat(fullTook).isLessThan(Duration.ofMinutes(OktaMonitorProvider.DEFAULT_TIMEOUT_MINUTES));
        }
    }
}
