package dev.mfawatch.core;

import dev.mfawatch.model.MfaWatchException;

/** How the run treats what its parts throw. */
final class Failures {

    private Failures() {
    }

    /**
     * Lets a {@link VirtualMachineError} thrown on the run's own thread end the run: the JVM is then
     * in no state to go on. Anything else a monitor, notifier or store throws is that part's failure.
     */
    static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError e) {
            throw e;
        }
    }

    /** A failure as one clause: our own exceptions by their message, anything else with its class. */
    static String describe(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage();
        return t instanceof MfaWatchException ? message : t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
