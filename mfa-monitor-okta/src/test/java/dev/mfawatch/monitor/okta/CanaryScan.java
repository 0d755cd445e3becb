package dev.mfawatch.monitor.okta;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * The child process of {@link CanaryLoggingTest}: scans of a loopback Okta with every logger on, by
 * API token and by a DPoP-bound service app (full, then from the System Log).
 */
public final class CanaryScan {

    private CanaryScan() {
    }

    public static void main(String[] args) throws Exception {
        try (FakeOkta okta = new FakeOkta()) {
            okta.user("00ualice", "alice@acme.test").factor("push");
            okta.user("00ubob", "bob@acme.test");
            try (Monitor m = new OktaMonitorProvider().create(OktaMonitorTest.settings(okta))) {
                var first = m.scan(ScanContext.of("okta", null, Clock.systemUTC(), Instant.now().plusSeconds(30)));
                okta.event("user.mfa.factor.activate", "00ubob", Instant.now().minusSeconds(1));
                var second = m.scan(ScanContext.of("okta", first.snapshot(), Clock.systemUTC(), Instant.now().plusSeconds(30)));
                System.out.println("accounts " + second.snapshot().accounts().size());
            }
            Path dir = Files.createTempDirectory("canary-okta");
            var app = ServiceAppTest.serviceApp(okta, dir, true);
            okta.requireDpop = true;
            try (Monitor m = new OktaMonitorProvider().create(OktaMonitorTest.settings(okta, "token", null, "client-id", FakeOkta.CLIENT_ID,
                    "private-key", app.toString()))) {
                var r = m.scan(ScanContext.of("okta", null, Clock.systemUTC(), Instant.now().plusSeconds(30)));
                System.out.println("service app accounts " + r.snapshot().accounts().size());
            }
            System.out.println("private key " + Files.readString(app).hashCode());
        }
    }
}
