package dev.mfawatch.model;

/**
 * How urgently a {@link Change} needs a person. Ordered from least to most severe.
 *
 * <p>The constant names are a public contract: they never change.
 *
 * @since 0.1
 */
public enum Severity {
    /** Good news or bookkeeping: MFA switched on, an account added with MFA, an account removed. */
    INFO,
    /** Worth a look: MFA switched to a weaker kind. */
    MEDIUM,
    /** Act now: an account can be used without a second factor. */
    HIGH,
    /** Act now on an account that controls everything else, such as the AWS root account. */
    CRITICAL;

    /**
     * Whether this severity is at least {@code other}.
     *
     * @param other the threshold, never {@code null}
     * @return {@code true} if this is as severe as {@code other} or more
     */
    public boolean isAtLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /**
     * The severity of the same change on a critical account: one step up, except that
     * {@link #INFO} stays {@link #INFO} (good news about the root account is still good news).
     *
     * @return the escalated severity
     */
    public Severity escalated() {
        return switch (this) {
            case INFO -> INFO;
            case MEDIUM -> HIGH;
            case HIGH, CRITICAL -> CRITICAL;
        };
    }
}
