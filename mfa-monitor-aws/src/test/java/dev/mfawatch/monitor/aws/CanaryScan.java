package dev.mfawatch.monitor.aws;

import dev.mfawatch.spi.Monitor;
import java.time.Instant;

/** The child process of {@link CanaryLoggingTest}: one scan against a loopback AWS, every logger on. */
public final class CanaryScan {

    private CanaryScan() {
    }

    public static void main(String[] args) {
        try (FakeAws aws = new FakeAws()) {
            aws.user("alice", true, false);
            String[] keys = args.length > 0 && args[0].equals("role")
                    ? new String[] {"refresh", "none", "role-arn", "arn:aws:iam::123456789012:role/mfa-watch-audit", "external-id", "ext-CANARY-id"}
                    : new String[] {"refresh", "none"};
            try (Monitor m = AwsTestSupport.iamProvider().create(AwsTestSupport.settings(aws, keys))) {
                System.out.println("accounts " + m.scan(AwsTestSupport.context(Instant.parse("2026-01-05T08:00:00Z"), null))
                        .snapshot().accounts().size());
            } catch (dev.mfawatch.model.MonitorException e) {
                System.out.println("scan failed: " + e.getMessage());
            }
        }
    }
}
