package dev.mfawatch.monitor.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.spi.contract.DebugLoggingRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With every logger on, a scan prints the token nowhere. */
class CanaryLoggingTest {

    @Test
    void theTokenReachesNoLogAtAnyLevel() {
        String output = DebugLoggingRun.run(CanaryScan.class, List.of());
        assertThat(output).as("the scan ran, with debug logging on").contains("accounts 2").containsPattern("(DEBUG|FINE)");
        assertThat(output).doesNotContain(FakeGitLab.ADMIN_TOKEN);
        assertThat(output).containsPattern("GitLab GET /api/v4/users\\?per_page=100[^ ]* -> 200 in \\d+ ms");
    }
}
