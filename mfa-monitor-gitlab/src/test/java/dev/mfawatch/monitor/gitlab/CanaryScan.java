package dev.mfawatch.monitor.gitlab;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import java.time.Clock;
import java.time.Instant;

/** The child process of {@link CanaryLoggingTest}: an instance scan with every logger on. */
public final class CanaryScan {

    private CanaryScan() {
    }

    public static void main(String[] args) {
        try (FakeGitLab gitlab = new FakeGitLab()) {
            FakeGitLab.User root = gitlab.user(1, "root");
            root.admin = true;
            gitlab.tokens.put(FakeGitLab.ADMIN_TOKEN, 1L);
            gitlab.user(2, "bob");
            try (Monitor m = new GitLabMonitorProvider().create(GitLabMonitorTest.settings(gitlab, FakeGitLab.ADMIN_TOKEN))) {
                System.out.println("accounts " + m.scan(ScanContext.of("gl", null, Clock.systemUTC(), Instant.now().plusSeconds(30)))
                        .snapshot().accounts().size());
            }
        }
    }
}
