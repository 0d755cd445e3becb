package dev.mfawatch.monitor.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.contract.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests per scan and the time paced between pages, counted at the fake: the numbers in the README. */
class RequestCountTest {

    @ParameterizedTest
    @ValueSource(ints = {10, 5000})
    void requestsPerScan(int members) {
        try (FakeSlackWorkspace slack = new FakeSlackWorkspace()) {
            for (int i = 0; i < members - 1; i++) {
                slack.member(String.format("U%06d", i), "user" + i).twoFactor = i % 3 != 0;
            }
            TestClock clock = new TestClock(Instant.parse("2026-11-23T08:00:00Z"));
            List<Duration> slept = new ArrayList<>();
            try (Monitor m = new SlackWorkspaceMonitorProvider().create(SlackWorkspaceMonitorTest.settings(slack,
                    FakeSlackWorkspace.ADMIN_TOKEN))) {
                m.scan(ScanContext.of("ws", null, clock, clock.sleeper(slept), clock.instant().plus(Duration.ofMinutes(2))));
            }
            int pages = (members + 999) / 1000;
            assertThat(slack.requests).hasSize(pages);
            Duration paced = slept.stream().reduce(Duration.ZERO, Duration::plus);
            assertThat(paced).isEqualTo(Duration.ofSeconds(3L * (pages - 1)));
            System.out.printf("slack-workspace requests at %d members: %d (%d s paced)%n", members, slack.requests.size(), paced.toSeconds());
        }
    }
}
