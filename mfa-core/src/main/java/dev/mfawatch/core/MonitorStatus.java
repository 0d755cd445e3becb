package dev.mfawatch.core;

/**
 * How a monitor's part of a run ended. The lower-case names ({@code ok}, {@code failed},
 * {@code timeout}) are a public contract in JSON output.
 *
 * @since 0.1
 */
public enum MonitorStatus {
    /** The scan finished and its snapshot was saved. */
    OK,
    /** The scan, or storing its result, failed; the old snapshot is kept. */
    FAILED,
    /** The scan did not finish within the instance's time limit; the old snapshot is kept. */
    TIMEOUT
}
