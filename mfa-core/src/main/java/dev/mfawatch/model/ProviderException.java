package dev.mfawatch.model;

import org.jspecify.annotations.Nullable;

/**
 * Discovery of providers failed: an unknown type was selected, two providers claim one type, a
 * provider names itself badly, or a jar's service declaration is broken.
 *
 * @since 0.1
 */
public final class ProviderException extends MfaWatchException {

    private static final long serialVersionUID = 1L;

    /**
     * Makes an exception.
     *
     * @param message what is wrong and which artifact or class to look at
     * @param cause   the underlying failure, or {@code null}
     */
    public ProviderException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
