package dev.mfawatch.monitor.aws;

import java.net.URI;

/**
 * The fake AWS account of the monitor's tests, seen from the Lambda example: its package-private
 * fake is reached from here, as the benchmarks reach it.
 */
public final class LambdaAccount implements AutoCloseable {

    private final FakeAws aws = new FakeAws();

    /** Adds a console user. */
    public void user(String name, boolean mfa) {
        aws.user(name, true, mfa);
        fresh();
    }

    /** A report made just now, as IAM makes one when asked for a report older than four hours. */
    private void fresh() {
        aws.reportGeneratedAt = java.time.Instant.now();
    }

    /** Removes every MFA device of a user. */
    public void dropMfa(String name) {
        FakeAws.User u = aws.users.get(name);
        u.mfaSerials.clear();
        u.virtualMfa = false;
        fresh();
    }

    /** @return the endpoint of IAM, STS and CloudTrail */
    public URI endpoint() {
        return aws.endpoint();
    }

    /** @return the IAM, STS and CloudTrail actions called, as {@code iam:Action} */
    public java.util.Set<String> actions() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        synchronized (aws.calls) {
            for (String c : aws.calls) {
                String action = c.substring(0, c.indexOf('@'));
                out.add(action);
            }
        }
        return out;
    }

    @Override
    public void close() {
        aws.close();
    }
}
