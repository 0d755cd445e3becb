package dev.mfawatch.monitor.entra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.spi.contract.DebugLoggingRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With every logger on (msal4j's too), scans print neither the client secret nor a token. */
class CanaryLoggingTest {

    @Test
    void noCredentialReachesALogAtAnyLevel() {
        String output = DebugLoggingRun.run(CanaryScan.class, List.of());
        assertThat(output).as("the scans ran, with debug logging on").contains("accounts 2").containsPattern("(DEBUG|FINE)");
        assertThat(output).doesNotContain(FakeGraph.SECRET, "canary-graph-token", "client_secret=");
        assertThat(output).containsPattern("Graph GET /v1.0/reports/authenticationMethods/userRegistrationDetails\\?\\$top=999 -> 200 in \\d+ ms");
    }
}
