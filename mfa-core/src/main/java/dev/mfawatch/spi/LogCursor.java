package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Where a monitor that refreshes from an audit log between full scans left off, kept as its
 * snapshot's cursor: which source it read (an org, a tenant), when it last read everything, up to
 * when it read the log, and the events inside the overlap it already acted on (by event id, with
 * their time), so an event shown late, and read twice, is acted on once.
 *
 * <p>The text form is one line, {@code v1 source=… full=… until=… seen=id@time,…}, values URL-encoded:
 * small, stable, and readable in a stored snapshot.
 *
 * @param source     what was read, so a snapshot of another org or tenant starts with a full scan
 * @param fullScanAt when the last full scan started
 * @param readUntil  the end of the last audit-log read
 * @param seen       events acted on that are still inside the overlap, by id
 * @since 0.2
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record LogCursor(String source, Instant fullScanAt, Instant readUntil, Map<String, Instant> seen) {

    private static final String VERSION = "v1";

    /** Checks and copies the values. */
    public LogCursor {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(fullScanAt, "fullScanAt");
        Objects.requireNonNull(readUntil, "readUntil");
        seen = Collections.unmodifiableMap(new TreeMap<>(seen));
    }

    /**
     * The cursor after a full scan that started at {@code at}: the log is read from there next time.
     *
     * @param source what was read
     * @param at     when the scan started
     * @return the cursor
     */
    public static LogCursor afterFullScan(String source, Instant at) {
        return new LogCursor(source, at, at, Map.of());
    }

    /**
     * Reads a cursor written by {@link #format()}.
     *
     * @param text a snapshot's cursor
     * @return the cursor, or empty if the text is blank or not one (an older or foreign cursor: scan in full)
     */
    public static Optional<LogCursor> parse(String text) {
        if (text == null || !text.startsWith(VERSION + " ")) {
            return Optional.empty();
        }
        Map<String, String> fields = new TreeMap<>();
        for (String part : text.substring(VERSION.length() + 1).split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        try {
            Map<String, Instant> seen = new TreeMap<>();
            String list = fields.getOrDefault("seen", "");
            for (String item : list.isEmpty() ? new String[0] : list.split(",")) {
                int at = item.lastIndexOf('@');
                seen.put(decode(item.substring(0, at)), Instant.parse(item.substring(at + 1)));
            }
            return Optional.of(new LogCursor(decode(fields.getOrDefault("source", "")), Instant.parse(fields.get("full")),
                    Instant.parse(fields.get("until")), seen));
        } catch (DateTimeParseException | NullPointerException | StringIndexOutOfBoundsException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @return the one-line text form */
    public String format() {
        StringBuilder b = new StringBuilder(VERSION).append(" source=").append(encode(source)).append(" full=").append(fullScanAt)
                .append(" until=").append(readUntil).append(" seen=");
        String sep = "";
        for (Map.Entry<String, Instant> e : seen.entrySet()) {
            b.append(sep).append(encode(e.getKey())).append('@').append(e.getValue());
            sep = ",";
        }
        return b.toString();
    }

    /**
     * Whether this scan must read everything: another source, or {@code every} has passed.
     *
     * @param currentSource what the monitor reads now
     * @param now           the scan's start
     * @param every         the full-scan period; zero makes every scan full
     * @return {@code true} for a full scan
     */
    public boolean fullScanDue(String currentSource, Instant now, Duration every) {
        return !source.equalsIgnoreCase(currentSource) || !now.isBefore(fullScanAt.plus(every));
    }

    /**
     * Where the next log read starts: the last read's end, less the overlap for events shown late.
     *
     * @param overlap how far back to reach
     * @return the start
     */
    public Instant readFrom(Duration overlap) {
        return readUntil.minus(overlap);
    }

    /**
     * Whether an event was acted on by an earlier read.
     *
     * @param eventId the event's id
     * @return {@code true} to skip it
     */
    public boolean seen(String eventId) {
        return seen.containsKey(eventId);
    }

    /**
     * The cursor after a log read up to {@code until}, keeping of the events acted on (before and now)
     * those still inside the overlap.
     *
     * @param until   the end of this read
     * @param actedOn the events read now, by id, with their time
     * @param overlap how far back the next read reaches
     * @return the new cursor; the full-scan time is kept
     */
    public LogCursor advance(Instant until, Map<String, Instant> actedOn, Duration overlap) {
        Instant keepFrom = until.minus(overlap);
        Map<String, Instant> next = new TreeMap<>();
        seen.forEach((k, v) -> {
            if (!v.isBefore(keepFrom)) {
                next.put(k, v);
            }
        });
        actedOn.forEach((k, v) -> {
            if (!v.isBefore(keepFrom)) {
                next.put(k, v);
            }
        });
        return new LogCursor(source, fullScanAt, until, next);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
