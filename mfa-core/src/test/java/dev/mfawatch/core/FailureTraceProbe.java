package dev.mfawatch.core;

import dev.mfawatch.model.MonitorException;
import java.util.Map;

/** Run by {@link FailureTraceTest} in a child JVM with debug logging: a monitor fails with a secret in its cause. */
public final class FailureTraceProbe {

    static final String SECRET = "ghp_canaryTraceSecret0123456789abcdefABCD";

    private FailureTraceProbe() {
    }

    public static void main(String[] args) {
        dev.mfawatch.spi.Monitor failing = ctx -> {
            throw new MonitorException("the service refused us", new IllegalStateException("token " + SECRET + " was refused"));
        };
        RunReport r = MfaWatch.builder().settings(Map.of("mfawatch.monitor.gh.token", SECRET))
                .store(new InMemorySnapshotStore()).monitor("gh", failing).runOnce();
        System.out.println("failed " + r.failed());
    }
}
