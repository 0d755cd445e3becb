package dev.mfawatch.core.internal;

import dev.mfawatch.model.Change;
import dev.mfawatch.model.Severity;
import dev.mfawatch.spi.Notifier;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * Writes each change as one log line: WARN for HIGH and CRITICAL, INFO otherwise. Text from the
 * services is stripped of control characters so an account name cannot forge log lines.
 */
public final class LoggingNotifier implements Notifier {

    private final Logger log;
    private final Severity minSeverity;

    /**
     * Makes the notifier.
     *
     * @param log         where to write
     * @param minSeverity the least severe change that is written
     */
    public LoggingNotifier(Logger log, Severity minSeverity) {
        this.log = Objects.requireNonNull(log, "log");
        this.minSeverity = Objects.requireNonNull(minSeverity, "minSeverity");
    }

    @Override
    public void deliver(List<Change> changes) {
        for (Change c : changes) {
            if (!c.severity().isAtLeast(minSeverity)) {
                continue;
            }
            String line = format(c);
            if (c.severity().isAtLeast(Severity.HIGH)) {
                log.warn(line);
            } else {
                log.info(line);
            }
        }
    }

    /**
     * One line for a change: {@link Change#summary()} without control characters.
     *
     * @param c the change
     * @return the line
     */
    public static String format(Change c) {
        return dev.mfawatch.spi.PlainText.printable(c.summary());
    }

    @Override
    public String toString() {
        return "LoggingNotifier[" + log.getName() + ", min-severity=" + minSeverity + "]";
    }
}
