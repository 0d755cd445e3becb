package dev.mfawatch.monitor.aws;

import dev.mfawatch.model.MonitorException;
import dev.mfawatch.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CredentialReportExpiredException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotPresentException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotReadyException;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ReportStateType;

/**
 * Gets a complete credential report: GenerateCredentialReport until IAM says COMPLETE (IAM hands
 * back its cached report of the last four hours at once), then GetCredentialReport. Polls with a
 * doubling pause, bounded by the scan's deadline.
 */
final class CredentialReportReader {

    /** A report and when IAM generated it. */
    record Report(String csv, Instant generatedAt) {
    }

    static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(4);

    private final Clock clock;

    private final Sleeper sleeper;

    CredentialReportReader(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    Report read(IamClient iam, Instant deadline) {
        Duration pause = FIRST_PAUSE;
        // The budget comes from the scan's deadline; elapsed time is measured on the monotonic clock.
        long budget = Duration.between(clock.instant(), deadline).toNanos();
        long started = System.nanoTime();
        while (true) {
            GenerateCredentialReportResponse generated = AwsCalls.call("iam:GenerateCredentialReport",
                    iam::generateCredentialReport);
            if (generated.state() == ReportStateType.COMPLETE) {
                GetCredentialReportResponse got = AwsCalls.call("iam:GetCredentialReport", () -> getIfReady(iam));
                if (got != null) {
                    // The SDK has already decoded the base64 on the wire.
                    return new Report(got.content().asUtf8String(),
                            got.generatedTime() == null ? clock.instant() : got.generatedTime());
                }
            }
            long elapsed = System.nanoTime() - started;
            if (elapsed + pause.toNanos() > budget) {
                throw new MonitorException("the credential report was still being generated after "
                        + Duration.ofNanos(elapsed).toSeconds() + "s"
                        + " (state " + generated.stateAsString() + "); IAM needs longer for many users: the next run picks "
                        + "it up, or raise the monitor's timeout");
            }
            sleep(pause);
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    private static @org.jspecify.annotations.Nullable GetCredentialReportResponse getIfReady(IamClient iam) {
        try {
            return iam.getCredentialReport();
        } catch (CredentialReportNotReadyException | CredentialReportExpiredException | CredentialReportNotPresentException e) {
            // Generated but not servable yet, or gone meanwhile: generate again.
            return null;
        }
    }

    private void sleep(Duration pause) {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MonitorException("interrupted while waiting for the credential report", e);
        }
    }
}
