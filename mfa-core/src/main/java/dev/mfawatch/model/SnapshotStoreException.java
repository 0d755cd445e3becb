package dev.mfawatch.model;

import org.jspecify.annotations.Nullable;

/**
 * A store could not read or write state: a corrupt or newer-schema file, a full disk, a directory
 * held by another run. A store never overwrites or deletes what it could not read.
 *
 * @since 0.1
 */
public final class SnapshotStoreException extends MfaWatchException {

    private static final long serialVersionUID = 1L;

    /**
     * Makes an exception.
     *
     * @param message what failed, naming the file or place and what to do
     * @param cause   the underlying failure, or {@code null}
     */
    public SnapshotStoreException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
