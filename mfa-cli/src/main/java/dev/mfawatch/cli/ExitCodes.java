package dev.mfawatch.cli;

/** The exit codes of {@code mfa-watch}, a public contract. When several apply, the highest wins. */
final class ExitCodes {

    /** The run completed. */
    static final int OK = 0;
    /** A monitor, notifier or the store failed; the run still did what it could. */
    static final int FAILED = 1;
    /** Usage or configuration error. */
    static final int USAGE = 2;
    /** The {@code --fail-on} condition holds. */
    static final int FAIL_ON = 3;

    private ExitCodes() {
    }
}
