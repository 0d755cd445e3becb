package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Waits: the one way mfa-watch and its providers pause (rate-limit waits, retry back-off, pacing),
 * so a test can pass a sleeper that moves a fake {@link java.time.Clock} instead of waiting. Paired
 * with a {@code Clock} for reading time; nothing else in mfa-watch reads time or sleeps.
 *
 * @since 0.2
 */
@API(status = EXPERIMENTAL, since = "0.2")
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits for a while.
     *
     * @param duration how long, never negative
     * @throws InterruptedException if the thread is interrupted; the caller gives up its work
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * The sleeper that really waits, with {@link Thread#sleep(long)}.
     *
     * @return the system sleeper
     */
    static Sleeper system() {
        return d -> Thread.sleep(Math.max(0, d.toMillis()));
    }
}
