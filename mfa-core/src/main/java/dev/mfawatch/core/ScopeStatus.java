package dev.mfawatch.core;

/**
 * How one scope of a monitor fared in a run. The lower-case names ({@code ok}, {@code failed},
 * {@code timeout}, {@code gone}) are a public contract in JSON output.
 *
 * @since 0.2
 */
public enum ScopeStatus {
    /** The scope was read and its snapshot saved. */
    OK,
    /** The scope could not be read, or its result not stored; its old snapshot is kept. */
    FAILED,
    /** The monitor did not finish within its time limit; the scope's old snapshot is kept. */
    TIMEOUT,
    /** The monitor no longer watches this scope; its snapshot was retired, and no account is reported removed. */
    GONE
}
