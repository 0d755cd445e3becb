package dev.mfawatch.notifier.slack;

import dev.mfawatch.model.Change;
import dev.mfawatch.model.NotifierException;
import dev.mfawatch.model.Severity;
import dev.mfawatch.spi.HttpPoster;
import dev.mfawatch.spi.Notifier;
import dev.mfawatch.spi.Sleeper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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
    private final Sleeper sleeper;
    private final Clock clock;
    private @Nullable Instant lastSent;

    SlackNotifier(HttpPoster poster, SlackMessages messages, Severity minSeverity, Sleeper sleeper, Clock clock) {
        this.poster = poster;
        this.messages = messages;
        this.minSeverity = minSeverity;
        this.sleeper = sleeper;
        this.clock = clock;
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
                pace(undeliveredFrom(parts, i));
                poster.post(m.json().getBytes(StandardCharsets.UTF_8), Map.of());
                lastSent = clock.instant();
            } catch (HttpPoster.Failed e) {
                List<Change> undelivered = undeliveredFrom(parts, i);
                throw new NotifierException("Slack message " + (i + 1) + " of " + parts.size() + " (ref " + m.ref()
                        + ") was not delivered: " + e.getMessage()
                        + (e.mayHaveArrived() ? "; Slack may have taken it before the timeout, so it may show twice" : ""),
                        undelivered, null);
            }
        }
    }

    private static List<Change> undeliveredFrom(List<SlackMessages.Message> parts, int first) {
        List<Change> undelivered = new ArrayList<>();
        parts.subList(first, parts.size()).forEach(p -> undelivered.addAll(p.changes()));
        return undelivered;
    }

    private void pace(List<Change> undelivered) {
        if (lastSent == null) {
            return;
        }
        Duration wait = PACE.minus(Duration.between(lastSent, clock.instant()));
        if (!wait.isNegative() && !wait.isZero()) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotifierException("interrupted while pacing Slack messages", undelivered, null);
            }
        }
    }

    @Override
    public String toString() {
        return "SlackNotifier[webhook-url=****, min-severity=" + minSeverity + "]";
    }
}
