package dev.mfawatch.monitor.entra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.contract.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Graph requests per scan, counted at the fake: the numbers in the README. A full scan is ⌈N/999⌉
 * pages of users, ⌈N/999⌉ pages of the report, and two policy reads; an incremental one is one audit
 * page and the two policy reads, plus a user and its methods per user the log names. The token is
 * one more request per hour, not counted here.
 */
class RequestCountTest {

    private final FakeGraph graph = new FakeGraph();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final List<Duration> slept = new ArrayList<>();

    RequestCountTest() {
        graph.clock(clock::instant);
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private Snapshot scan(Monitor m, Snapshot previous) {
        return m.scan(ScanContext.of("entra", previous, clock, clock.sleeper(slept), clock.instant().plus(Duration.ofMinutes(5)))).snapshot();
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 5000})
    void requestsPerScan(int users) {
        for (int i = 0; i < users; i++) {
            graph.user(String.format("u-%06d", i), "user" + i + "@contoso.test").with(i % 9 == 0 ? "phone" : "microsoftAuthenticator");
        }
        graph.policy("p-all", "Require MFA", "enabled", "mfa");
        graph.refreshReport();
        try (Monitor m = EntraMonitorTest.provider().create(EntraMonitorTest.settings(graph))) {
            Snapshot full = scan(m, null);
            int fullRequests = graph.requests.size();
            assertThat(full.accounts()).hasSize(users);
            int pages = (users + 998) / 999;
            assertThat(fullRequests).isEqualTo(2 * pages + 2);

            clock.advance(Duration.ofMinutes(15));
            graph.resetCounts();
            Snapshot quiet = scan(m, full);
            int quietRequests = graph.requests.size();
            assertThat(quietRequests).isEqualTo(3);

            clock.advance(Duration.ofMinutes(15));
            for (int i = 0; i < 10; i++) {
                String id = String.format("u-%06d", i);
                graph.get(id).only();
                graph.audit("User deleted security info", id, clock.instant().minusSeconds(30));
            }
            graph.resetCounts();
            scan(m, quiet);
            int changedRequests = graph.requests.size();
            assertThat(changedRequests).isEqualTo(3 + 10 * 2);
            System.out.printf("entra Graph requests at %d users: full %d, incremental %d, incremental with 10 changed users %d%n", users,
                    fullRequests, quietRequests, changedRequests);
        }
    }
}
