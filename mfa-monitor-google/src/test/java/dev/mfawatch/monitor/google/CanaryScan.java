package dev.mfawatch.monitor.google;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;

/** The child process of {@link CanaryLoggingTest}: a full and an incremental scan with every logger on. */
public final class CanaryScan {

    private CanaryScan() {
    }

    public static void main(String[] args) throws Exception {
        try (FakeGoogle google = new FakeGoogle()) {
            google.user("100", "alice@example.test").enrolled = true;
            google.user("101", "bob@example.test");
            try (Monitor m = new GoogleWorkspaceMonitorProvider().create(GoogleWorkspaceMonitorTest.settings(google,
                    Files.createTempDirectory("gws-canary")))) {
                var first = m.scan(ScanContext.of("gws", null, Clock.systemUTC(), Instant.now().plusSeconds(30)));
                google.login("2sv_enroll", "101", Instant.now().minusSeconds(5));
                var second = m.scan(ScanContext.of("gws", first.snapshot(), Clock.systemUTC(), Instant.now().plusSeconds(30)));
                System.out.println("accounts " + second.snapshot().accounts().size());
            }
            System.out.println("key " + google.privateKeyBase64().hashCode());
        }
    }
}
