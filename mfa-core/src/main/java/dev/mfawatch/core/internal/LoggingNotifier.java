package dev.mfawatch.core.internal;

import dev.mfawatch.core.Change;
import dev.mfawatch.core.Severity;
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
     * One line for a change, e.g. {@code [HIGH] gh: MFA_DISABLED alice (github:42) ENABLED -> DISABLED}.
     *
     * @param c the change
     * @return the line, without control characters
     */
    public static String format(Change c) {
        StringBuilder sb = new StringBuilder();
        sb.append('[').append(c.severity()).append("] ").append(c.monitor()).append(": ").append(c.kind()).append(' ')
                .append(c.subjectName()).append(" (").append(c.subjectId()).append(')');
        if (c.before() != null || c.after() != null) {
            sb.append(' ').append(c.before() == null ? "absent" : describe(c.before()))
                    .append(" -> ").append(c.after() == null ? "absent" : describe(c.after()));
        }
        if (!c.details().isEmpty()) {
            sb.append(' ').append(c.details());
        }
        if (c.delayed()) {
            sb.append(" (delayed delivery, change ").append(c.id()).append(')');
        }
        return printable(sb.toString());
    }

    private static String describe(dev.mfawatch.core.Account a) {
        return a.weak() ? a.state() + " (weak)" : a.state().name();
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.LINE_SEPARATOR
                    || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    @Override
    public String toString() {
        return "LoggingNotifier[" + log.getName() + ", min-severity=" + minSeverity + "]";
    }
}
