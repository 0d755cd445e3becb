package dev.mfawatch.spi.contract;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock for tests of runs: it reads a time the test sets, and optionally moves on by a step at
 * each reading, so consecutive runs get distinct, predictable times.
 */
public final class TestClock extends Clock {

    private Instant now;
    private final Duration step;

    /**
     * A clock that moves only when {@link #set} is called.
     *
     * @param start the time it shows
     */
    public TestClock(Instant start) {
        this(start, Duration.ZERO);
    }

    /**
     * A clock that moves on by {@code step} at each reading.
     *
     * @param start the time before the first reading
     * @param step  how far each reading moves it
     */
    public TestClock(Instant start, Duration step) {
        this.now = start;
        this.step = step;
    }

    /**
     * Sets the time.
     *
     * @param instant the new time
     */
    public synchronized void set(Instant instant) {
        now = instant;
    }

    /**
     * Moves the time on.
     *
     * @param d how far
     */
    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    /**
     * A sleeper that does not wait but moves this clock on by each pause and records it, so code
     * that paces itself by a clock and a sleeper sees time pass at once.
     *
     * @param pauses where each pause is added, in order
     * @return the sleeper
     */
    public dev.mfawatch.spi.Sleeper sleeper(java.util.List<Duration> pauses) {
        return d -> {
            pauses.add(d);
            advance(d);
        };
    }

    @Override
    public synchronized Instant instant() {
        now = now.plus(step);
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
