package dev.mfawatch.spi;

import java.util.Objects;

/**
 * A secret setting value (token, password, webhook URL) that prints as {@code ****}.
 *
 * <p>Only {@link #reveal()} gives the value; call it where the value is used, never to log it.
 *
 * @since 0.1
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /**
     * Wraps a value.
     *
     * @param value the secret
     * @return the wrapper
     */
    public static Secret of(String value) {
        return new Secret(value);
    }

    /**
     * The secret value, for the one place that needs it.
     *
     * @return the value
     */
    public String reveal() {
        return value;
    }

    /** @return {@code ****}, always */
    @Override
    public String toString() {
        return "****";
    }
}
