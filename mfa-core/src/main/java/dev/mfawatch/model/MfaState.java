package dev.mfawatch.model;

/**
 * Whether an account can be used without a second factor.
 *
 * <p>The constant names are a public contract (JSON output, stored snapshots): they never change.
 *
 * @since 0.1
 */
public enum MfaState {
    /** The account has a second factor. Whether that factor is weak is said by {@link Account#weak()}. */
    ENABLED,
    /** The account can sign in with a password alone. */
    DISABLED,
    /** The account cannot sign in interactively at all (e.g. an IAM user without a console password). */
    NOT_APPLICABLE
}
