package dev.mfawatch.model;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A notifier could not deliver some or all of the changes it was given. The run parks the
 * undelivered ones in the store and delivers them in a later run.
 *
 * @since 0.1
 */
public final class NotifierException extends MfaWatchException {

    private static final long serialVersionUID = 1L;

    private final transient @Nullable List<Change> undelivered;

    /**
     * Nothing of the batch is known to have arrived.
     *
     * @param message what failed; never a webhook URL or token
     * @param cause   the underlying failure, or {@code null}
     */
    public NotifierException(String message, @Nullable Throwable cause) {
        super(message, cause);
        this.undelivered = null;
    }

    /**
     * Part of the batch arrived; {@code undelivered} did not. Lets a notifier that sends several
     * messages avoid re-sending the ones that already got through.
     *
     * @param message     what failed; never a webhook URL or token
     * @param undelivered the changes that did not arrive
     * @param cause       the underlying failure, or {@code null}
     */
    public NotifierException(String message, List<Change> undelivered, @Nullable Throwable cause) {
        super(message, cause);
        this.undelivered = List.copyOf(undelivered);
    }

    /**
     * The changes that did not arrive, when the notifier knows.
     *
     * @return those changes, or empty when the whole batch must count as undelivered
     */
    public Optional<List<Change>> undelivered() {
        return Optional.ofNullable(undelivered);
    }
}
