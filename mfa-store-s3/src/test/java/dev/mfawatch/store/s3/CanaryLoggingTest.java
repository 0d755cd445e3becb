package dev.mfawatch.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.spi.contract.DebugLoggingRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With every logger on, the store's S3 calls print no credential; with session credentials (a
 * Lambda's role) and the SDK signer at DEBUG, which would print the token, the store refuses to open.
 */
class CanaryLoggingTest {

    @Test
    void longTermKeysReachNoLogAtAnyLevel() {
        String output = DebugLoggingRun.run(CanaryStore.class, List.of());
        assertThat(output).as("the store wrote, with debug logging on").contains("saved ", "DEBUG");
        assertThat(output).doesNotContain(FakeS3.SECRET_KEY);
    }

    @Test
    void withTheSignerAtDebugSessionCredentialsAreRefusedInsteadOfPrinted() {
        String output = DebugLoggingRun.run(CanaryStore.class, List.of(), "session");
        assertThat(output).contains("store failed: the AWS SDK's signer logs at DEBUG", "software.amazon.awssdk.http.auth to INFO");
        assertThat(output).doesNotContain(FakeS3.SECRET_KEY, CanaryStore.SESSION_TOKEN);
    }

    @Test
    void sessionCredentialsReachNoLogWhenOnlyTheSignerIsHeldAtInfo() {
        String output = DebugLoggingRun.run(CanaryStore.class, List.of("-Dorg.slf4j.simpleLogger.log.software.amazon.awssdk.http.auth=info"), "session");
        assertThat(output).contains("saved ", "DEBUG");
        assertThat(output).doesNotContain(FakeS3.SECRET_KEY, CanaryStore.SESSION_TOKEN);
    }
}
