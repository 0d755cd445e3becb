package dev.mfawatch.model;

import org.jspecify.annotations.Nullable;

/**
 * A monitor could not finish a scan: the service refused, answered badly, or could not be reached.
 * The run keeps the monitor's old snapshot and goes on with the others. A monitor may subclass it to
 * tell kinds of failure apart internally.
 *
 * @since 0.1
 */
public class MonitorException extends MfaWatchException {

    private static final long serialVersionUID = 1L;

    /**
     * Makes an exception.
     *
     * @param message what failed and how to fix it; never a token
     * @param cause   the underlying failure, or {@code null}
     */
    public MonitorException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /**
     * Makes an exception without a cause.
     *
     * @param message what failed and how to fix it; never a token
     */
    public MonitorException(String message) {
        super(message, null);
    }
}
