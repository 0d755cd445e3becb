package dev.mfawatch.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run's steps report besides their results: failures and warnings, secrets removed, each
 * logged once. Append-only; the steps never read it.
 */
final class Journal {

    private static final Logger LOG = LoggerFactory.getLogger("dev.mfawatch.run");

    private final UnaryOperator<String> redact;
    private final List<String> failures = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    Journal(UnaryOperator<String> redact) {
        this.redact = redact;
    }

    /** Records a failure and returns it as written, secrets removed. */
    synchronized String fail(String message, @Nullable Throwable cause) {
        String text = redact.apply(cause == null ? message : message + Failures.describe(cause));
        failures.add(text);
        LOG.warn(text);
        if (cause != null && LOG.isDebugEnabled()) {
            // Where it failed, for --verbose; built here rather than by the logger so that it is redacted too.
            LOG.debug("where: {}", redact.apply(trace(cause)));
        }
        return text;
    }

    /** The cause chain with its frames, at most 10 causes of 40 frames each. */
    static String trace(Throwable cause) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Throwable t = cause; t != null && depth < 10; t = t.getCause() == t ? null : t.getCause(), depth++) {
            sb.append(depth == 0 ? "" : "\ncaused by: ").append(t.getClass().getName());
            if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 40); i++) {
                sb.append("\n\tat ").append(frames[i]);
            }
            if (frames.length > 40) {
                sb.append("\n\t... ").append(frames.length - 40).append(" more");
            }
        }
        return sb.toString();
    }

    /** Records a warning, secrets removed. */
    synchronized String warn(String message) {
        String text = redact.apply(message);
        warnings.add(text);
        LOG.warn(text);
        return text;
    }

    String redact(String text) {
        return redact.apply(text);
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }
}
