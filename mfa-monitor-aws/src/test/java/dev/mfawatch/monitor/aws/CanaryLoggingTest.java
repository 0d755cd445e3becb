package dev.mfawatch.monitor.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.spi.contract.DebugLoggingRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With every logger on, a scan prints no credential: the SDK's HTTP client is the JDK's URL connection,
 * which has no wire logger. Through an assumed role, the SDK signer's DEBUG line holds the session
 * token, so that logger must stay at INFO, as the command line keeps it and the README asks of hosts.
 */
class CanaryLoggingTest {

    @Test
    void longTermKeysReachNoLogAtAnyLevel() {
        String output = DebugLoggingRun.run(CanaryScan.class, List.of());
        assertThat(output).as("the scan ran, with debug logging on").contains("accounts 2", "DEBUG");
        assertThat(output).doesNotContain(AwsTestSupport.SECRET);
    }

    @Test
    void anAssumedRolesKeysReachNoLogWhenOnlyTheSignerIsHeldAtInfo() {
        String output = DebugLoggingRun.run(CanaryScan.class,
                List.of("-Dorg.slf4j.simpleLogger.log.software.amazon.awssdk.http.auth=info"), "role");
        assertThat(output).contains("accounts 2", "DEBUG");
        assertThat(output).doesNotContain(AwsTestSupport.SECRET, "assumed-secret", "assumed-session", "ext-CANARY-id");
    }
}
