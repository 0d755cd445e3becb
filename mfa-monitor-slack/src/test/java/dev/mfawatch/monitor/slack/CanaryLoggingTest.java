package dev.mfawatch.monitor.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.spi.contract.DebugLoggingRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With every logger on, a scan prints the token nowhere. */
class CanaryLoggingTest {

    @Test
    void theTokenReachesNoLogAtAnyLevel() {
        String output = DebugLoggingRun.run(CanaryScan.class, List.of());
        assertThat(output).contains("accounts 2").containsPattern("(DEBUG|FINE)");
        assertThat(output).doesNotContain(FakeSlackWorkspace.ADMIN_TOKEN, "xoxp-");
        assertThat(output).containsPattern("Slack GET /api/users.list\\?limit=1000 -> 200 in \\d+ ms");
    }
}
