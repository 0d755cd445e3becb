package dev.mfawatch.monitor.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.spi.contract.DebugLoggingRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With every logger on, a scan prints no credential: the SDK's HTTP client is the JDK's URL connection,
 * whose header log mfa-watch holds at INFO. Through an assumed role, the SDK signer's DEBUG line would
 * hold the session token, so with that logger at DEBUG the scan refuses to sign at all.
 */
class CanaryLoggingTest {

    @Test
    void longTermKeysReachNoLogAtAnyLevel() {
        String output = DebugLoggingRun.run(CanaryScan.class, List.of());
        assertThat(output).as("the scan ran, with debug logging on").contains("accounts 2", "DEBUG");
        assertThat(output).doesNotContain(AwsTestSupport.SECRET);
    }

    @Test
    void withTheSignerAtDebugAScanThroughARoleFailsInsteadOfPrintingTheSessionToken() {
        String output = DebugLoggingRun.run(CanaryScan.class, List.of(), "role");
        assertThat(output).contains("scan failed: the AWS SDK's signer logs at DEBUG", "software.amazon.awssdk.http.auth to INFO");
        assertThat(output).doesNotContain(AwsTestSupport.SECRET, "assumed-secret", "assumed-session", "ext-CANARY-id");
    }

    @Test
    void anAssumedRolesKeysReachNoLogWhenOnlyTheSignerIsHeldAtInfo() {
        String output = DebugLoggingRun.run(CanaryScan.class,
                List.of("-Dorg.slf4j.simpleLogger.log.software.amazon.awssdk.http.auth=info"), "role");
        assertThat(output).contains("accounts 2", "DEBUG");
        assertThat(output).doesNotContain(AwsTestSupport.SECRET, "assumed-secret", "assumed-session", "ext-CANARY-id");
    }
}
