package dev.mfawatch.monitor.okta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.spi.contract.DebugLoggingRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With every logger on, scans print no API token, access token, client assertion or DPoP proof. */
class CanaryLoggingTest {

    @Test
    void noCredentialReachesALogAtAnyLevel() {
        String output = DebugLoggingRun.run(CanaryScan.class, List.of());
        assertThat(output).as("the scans ran, with debug logging on").contains("accounts 2", "service app accounts 2")
                .containsPattern("(DEBUG|FINE)");
        assertThat(output).doesNotContain(FakeOkta.TOKEN, "eyJ-canary-access-", "client_assertion", "eyJ", "\"d\":");
        // --verbose is worth reading: each request, its page and its time
        assertThat(output).containsPattern("Okta GET /api/v1/users\\?limit=200 -> 200 in \\d+ ms");
    }
}
