package dev.mfawatch.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.spi.contract.DebugLoggingRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With every logger on, a delivery, a retry and a refusal print the webhook URL nowhere. */
class CanaryLoggingTest {

    @Test
    void theWebhookUrlReachesNoLogAtAnyLevel() {
        String output = DebugLoggingRun.run(CanaryDelivery.class, List.of());
        assertThat(output).contains("delivered 1", "refused: ");
        assertThat(output).doesNotContain("xoxbCanarySecret42", "T0CANARY", "B0CANARY");
    }
}
