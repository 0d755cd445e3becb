package dev.mfawatch.monitor.github;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import java.time.Clock;
import java.time.Instant;

/** The child process of {@link CanaryLoggingTest}: one scan against a loopback GitHub, every logger on. */
public final class CanaryScan {

    private CanaryScan() {
    }

    public static void main(String[] args) {
        try (FakeGitHub gh = new FakeGitHub()) {
            gh.member(1, "alice", FakeGitHub.TwoFa.OFF);
            gh.member(2, "bob", FakeGitHub.TwoFa.ON);
            try (Monitor m = new GitHubMonitorProvider(d -> { }).create(GitHubMonitorTest.settings(gh))) {
                System.out.println("accounts " + m.scan(ScanContext.of("gh", null, Clock.systemUTC(), Instant.now().plusSeconds(30)))
                        .snapshot().accounts().size());
            }
        }
    }
}
