package dev.mfawatch.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.spi.contract.DebugLoggingRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With every logger on, signed deliveries print neither the URL nor the signing secret. */
class CanaryLoggingTest {

    @Test
    void neitherUrlNorSecretReachesALogAtAnyLevel() {
        String output = DebugLoggingRun.run(CanaryDelivery.class, List.of(), "whsec_CANARYsigning");
        assertThat(output).contains("delivered 1", "refused: ");
        assertThat(output).doesNotContain("wh-canary-path-42", "T0CANARY", "whsec_CANARYsigning");
    }
}
