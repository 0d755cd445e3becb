package dev.mfawatch.monitor.google;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.contract.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests per scan, counted at the fake, token included: the numbers in the README. A full scan is
 * ⌈N/500⌉ pages of users and one token; an incremental one is two login queries and one admin query.
 */
class RequestCountTest {

    private final FakeGoogle google = new FakeGoogle();
    private final TestClock clock = new TestClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    private final List<Duration> slept = new ArrayList<>();
    @TempDir
    Path dir;

    RequestCountTest() {
        google.clock(clock::instant);
    }

    @AfterEach
    void stop() {
        google.close();
    }

    private Snapshot scan(Monitor m, Snapshot previous) {
        return m.scan(ScanContext.of("gws", previous, clock, clock.sleeper(slept), clock.instant().plus(Duration.ofMinutes(5)))).snapshot();
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 5000})
    void requestsPerScan(int users) {
        for (int i = 0; i < users; i++) {
            google.user(String.valueOf(100000 + i), "user" + i + "@example.test").enrolled = i % 8 != 0;
        }
        try (Monitor m = new GoogleWorkspaceMonitorProvider().create(GoogleWorkspaceMonitorTest.settings(google, dir))) {
            Snapshot full = scan(m, null);
            int fullRequests = google.requests.size() + google.tokenRequests;
            assertThat(full.accounts()).hasSize(users);
            assertThat(fullRequests).isEqualTo((users + 499) / 500 + 1).isLessThanOrEqualTo((users + 499) / 500 + 2);

            clock.advance(Duration.ofMinutes(15));
            google.resetCounts();
            Snapshot quiet = scan(m, full);
            int quietRequests = google.requests.size() + google.tokenRequests;
            assertThat(quietRequests).isEqualTo(3);

            clock.advance(Duration.ofMinutes(15));
            for (int i = 0; i < 10; i++) {
                google.get(String.valueOf(100000 + i)).enrolled = false;
                google.login("2sv_disable", String.valueOf(100000 + i), clock.instant().minusSeconds(30));
            }
            google.resetCounts();
            scan(m, quiet);
            int changedRequests = google.requests.size() + google.tokenRequests;
            assertThat(changedRequests).isEqualTo(3 + 10);
            System.out.printf("google requests at %d users: full %d, incremental %d, incremental with 10 changed users %d%n", users,
                    fullRequests, quietRequests, changedRequests);
        }
    }
}
