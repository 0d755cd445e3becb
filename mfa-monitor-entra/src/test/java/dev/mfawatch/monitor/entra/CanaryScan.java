package dev.mfawatch.monitor.entra;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import java.time.Clock;
import java.time.Instant;

/** The child process of {@link CanaryLoggingTest}: a full and an incremental scan of a loopback tenant, every logger on. */
public final class CanaryScan {

    private CanaryScan() {
    }

    public static void main(String[] args) {
        try (FakeGraph graph = new FakeGraph()) {
            graph.user("u-alice", "alice@contoso.test").with("microsoftAuthenticator");
            graph.user("u-bob", "bob@contoso.test");
            graph.policy("p-all", "Require MFA", "enabled", "mfa");
            graph.refreshReport();
            try (Monitor m = EntraMonitorTest.provider().create(EntraMonitorTest.settings(graph))) {
                var first = m.scan(ScanContext.of("entra", null, Clock.systemUTC(), Instant.now().plusSeconds(30)));
                graph.audit("User registered security info", "u-bob", Instant.now().minusSeconds(1));
                var second = m.scan(ScanContext.of("entra", first.snapshot(), Clock.systemUTC(), Instant.now().plusSeconds(30)));
                System.out.println("accounts " + second.snapshot().accounts().size());
            }
        }
    }
}
