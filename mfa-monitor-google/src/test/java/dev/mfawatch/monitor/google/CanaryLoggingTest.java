package dev.mfawatch.monitor.google;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.spi.contract.DebugLoggingRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With every logger on, scans print neither the service account's key, the signed assertion nor the token. */
class CanaryLoggingTest {

    @Test
    void noCredentialReachesALogAtAnyLevel() {
        String output = DebugLoggingRun.run(CanaryScan.class, List.of());
        assertThat(output).as("the scans ran, with debug logging on").contains("accounts 2").containsPattern("(DEBUG|FINE)");
        assertThat(output).doesNotContain("canary-google-token", "assertion=", "eyJ", "PRIVATE KEY");
        assertThat(output).containsPattern("Google GET /admin/directory/v1/users\\?customer=my_customer[^ ]* -> 200 in \\d+ ms");
    }
}
