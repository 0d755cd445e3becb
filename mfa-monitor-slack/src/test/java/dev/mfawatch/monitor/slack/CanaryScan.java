package dev.mfawatch.monitor.slack;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import java.time.Clock;
import java.time.Instant;

/** The child process of {@link CanaryLoggingTest}: a scan with every logger on. */
public final class CanaryScan {

    private CanaryScan() {
    }

    public static void main(String[] args) {
        try (FakeSlackWorkspace slack = new FakeSlackWorkspace()) {
            slack.member("U01", "alice").twoFactor = true;
            try (Monitor m = new SlackWorkspaceMonitorProvider().create(SlackWorkspaceMonitorTest.settings(slack,
                    FakeSlackWorkspace.ADMIN_TOKEN))) {
                System.out.println("accounts " + m.scan(ScanContext.of("ws", null, Clock.systemUTC(), Instant.now().plusSeconds(30)))
                        .snapshot().accounts().size());
            }
        }
    }
}
