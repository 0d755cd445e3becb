package dev.mfawatch.model;

import org.jspecify.annotations.Nullable;

/**
 * The base of every exception mfa-watch throws on purpose. Unchecked; each subclass is one kind of
 * failure, which the command line maps to its own exit code.
 *
 * <p>Messages name what is wrong and how to fix it. They never contain a secret.
 *
 * @since 0.1
 */
public class MfaWatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Makes an exception.
     *
     * @param message what went wrong and what to do
     * @param cause   the underlying failure, or {@code null}
     */
    public MfaWatchException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
