package dev.mfawatch.notifier.slack;

import dev.mfawatch.core.Change;
import dev.mfawatch.core.NotifierException;
import dev.mfawatch.core.Severity;
import dev.mfawatch.spi.Notifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code slack}: posts a run's changes to an incoming webhook as Block Kit messages, paced to about
 * one message a second, in order. When a message cannot be delivered, it and the ones after it are
 * reported undelivered (the run parks them); the messages before it are not sent again.
 */
final class SlackNotifier implements Notifier {

    static final Duration PACE = Duration.ofMillis(1100);

    private final HttpPoster poster;
    private final SlackMessages messages;
    private final Severity minSeverity;
    private final HttpPoster.Sleeper sleeper;
    private final LongSupplier nanoTime;
    private long lastSent = Long.MIN_VALUE;

    SlackNotifier(HttpPoster poster, SlackMessages messages, Severity minSeverity, HttpPoster.Sleeper sleeper,
                  LongSupplier nanoTime) {
        this.poster = poster;
        this.messages = messages;
        this.minSeverity = minSeverity;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
    }

    @Override
    public void deliver(List<Change> changes) {
        List<Change> due = changes.stream().filter(c -> c.severity().isAtLeast(minSeverity)).toList();
        if (due.isEmpty()) {
            return;
        }
        List<SlackMessages.Message> parts = messages.build(due);
        for (int i = 0; i < parts.size(); i++) {
            SlackMessages.Message m = parts.get(i);
            try {
                pace();
                poster.post(m.json().getBytes(StandardCharsets.UTF_8), Map.of());
                lastSent = nanoTime.getAsLong();
            } catch (HttpPoster.Failed e) {
                List<Change> undelivered = new ArrayList<>();
                parts.subList(i, parts.size()).forEach(p -> undelivered.addAll(p.changes()));
                throw new NotifierException("Slack message " + (i + 1) + " of " + parts.size() + " (ref " + m.ref()
                        + ") was not delivered: " + e.getMessage()
                        + (e.mayHaveArrived ? "; Slack may have taken it before the timeout, so it may show twice" : ""),
                        undelivered, null);
            } catch (java.io.IOException e) {
                throw new NotifierException("Slack message " + (i + 1) + " failed: " + e.getClass().getSimpleName(), null);
            }
        }
    }

    private void pace() throws HttpPoster.Failed {
        if (lastSent == Long.MIN_VALUE) {
            return;
        }
        long waitNanos = PACE.toNanos() - (nanoTime.getAsLong() - lastSent);
        if (waitNanos > 0) {
            try {
                sleeper.sleep(Duration.ofNanos(waitNanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HttpPoster.Failed("interrupted while pacing Slack messages", false);
            }
        }
    }

    @Override
    public String toString() {
        return "SlackNotifier[webhook-url=****, min-severity=" + minSeverity + "]";
    }
}
