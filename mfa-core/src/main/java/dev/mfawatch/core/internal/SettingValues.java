package dev.mfawatch.core.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing rules for setting values, shared by the settings view and the command line. */
public final class SettingValues {

    private static final Pattern PART = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,12}(?:ms|s|m|h|d))+");

    private SettingValues() {
    }

    /**
     * Parses {@code 500ms}, {@code 90s}, {@code 15m}, {@code 2h}, {@code 1d}, combinations such as
     * {@code 1h30m}, or ISO-8601 such as {@code PT1M}.
     *
     * @param text the value
     * @return the duration, or empty if the text is none of those or negative
     */
    public static Optional<Duration> parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                return d.isNegative() ? Optional.empty() : Optional.of(d);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (!WHOLE.matcher(t).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        return Optional.of(total);
    }

    /**
     * Writes a duration the way settings spell it: {@code 300ms}, {@code 90s}, {@code 15m}, {@code 2h}.
     *
     * @param d the duration
     * @return the shortest exact form among ms, s, m, h
     */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 && s > 0 ? s / 60 + "m" : s + "s";
    }

    /**
     * Whether a normalised key names a secret by convention.
     *
     * @param normalizedKey a key in the form of {@code Settings.normalize}
     * @return {@code true} for keys ending in token, secret, password, passphrase, credentials,
     *         webhook-url or api-key
     */
    public static boolean looksSecret(String normalizedKey) {
        String last = normalizedKey.substring(normalizedKey.lastIndexOf('.') + 1);
        return switch (last) {
            case "token", "secret", "password", "passphrase", "credentials" -> true;
            default -> normalizedKey.endsWith("webhook.url") || normalizedKey.endsWith("api.key")
                    || normalizedKey.endsWith("access.key");
        };
    }
}
