package dev.mfawatch.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.spi.contract.DebugLoggingRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** At debug level a failure shows where it happened, cause chain and frames, with secrets still removed. */
class FailureTraceTest {

    @Test
    void debugLoggingShowsWhereAMonitorFailedWithoutItsSecrets() {
        String out = DebugLoggingRun.run(FailureTraceProbe.class, List.of());
        assertThat(out).contains("failed true", "where: ", "caused by: java.lang.IllegalStateException",
                "at dev.mfawatch.core.FailureTraceProbe");
        assertThat(out).doesNotContain(FailureTraceProbe.SECRET);
    }

    @Test
    void theTraceIsBoundedWhateverTheChain() {
        Throwable deep = new RuntimeException("bottom");
        for (int i = 0; i < 50; i++) {
            deep = new RuntimeException("level " + i, deep);
        }
        String trace = Journal.trace(deep);
        assertThat(trace.split("caused by: ", -1)).hasSize(10);
        assertThat(trace).doesNotContain("bottom");
    }
}
