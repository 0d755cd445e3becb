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
        return text;
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
