package dev.mfawatch.monitor.aws;

import dev.mfawatch.model.MonitorException;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one AWS call and turns its failure into a message that names the IAM action and the fix.
 * The SDK's own bounded retry with backoff has already handled throttling and 5xx when a call fails here.
 */
final class AwsCalls {

    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
            "UnrecognizedClientException", "InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken",
            "ExpiredTokenException");
    private static final Set<String> THROTTLED = Set.of("Throttling", "ThrottlingException", "TooManyRequestsException",
            "RequestLimitExceeded", "LimitExceeded");

    private AwsCalls() {
    }

    /** A call refused for lack of permission; the caller may go on without it. */
    static final class Denied extends MonitorException {
        private static final long serialVersionUID = 1L;

        Denied(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static <T> T call(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            throw translate(action, e);
        } catch (SdkClientException e) {
            throw clientFailure(action, e);
        }
    }

    static MonitorException translate(String action, AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
        if (DENIED.contains(code)) {
            return new Denied("AWS refused " + action + " (" + code + "): the credentials' policy must allow " + action
                    + "; the README's \"AWS\" section lists the exact policy", e);
        }
        if (THROTTLED.contains(code)) {
            return new MonitorException("AWS kept throttling " + action + " (" + code + ") after the SDK's retries with "
                    + "backoff; the next run tries again", e);
        }
        return new MonitorException("AWS answered " + action + " with " + code + " (HTTP " + e.statusCode() + "): "
                + firstLine(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()), e);
    }

    private static MonitorException clientFailure(String action, SdkException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Unable to unmarshall") || message.contains("Unable to parse")) {
            return new MonitorException("AWS answered " + action + " with a response that could not be read: "
                    + firstLine(message), e);
        }
        return new MonitorException(action + " failed before AWS answered: " + firstLine(message), e);
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }
}
