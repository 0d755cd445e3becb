package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * How setting values are spelt: durations, sizes, percents and secret key names. Every
 * {@link Settings} implementation and the command line parse with these rules, so one value means
 * the same thing wherever it is written.
 *
 * @since 0.2
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class SettingValues {

    private static final Pattern PART = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,12}(?:ms|s|m|h|d))+");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(b|kb|kib|mb|mib|gb|gib)?");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,6})?)\\s*%?");

    private SettingValues() {
    }

    /**
     * Parses {@code 500ms}, {@code 90s}, {@code 15m}, {@code 2h}, {@code 1d}, combinations such as
     * {@code 1h30m}, or ISO-8601 such as {@code PT1M}.
     *
     * @param text the value, never {@code null}
     * @return the duration, or empty if the text is none of those, negative, or too long to add up
     */
    public static Optional<Duration> parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                return d.isNegative() ? Optional.empty() : Optional.of(d);
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
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses a size in bytes: {@code 512}, {@code 512B}, {@code 256KB}, {@code 10MB}, {@code 1GB}
     * (also {@code KiB}, {@code MiB}, {@code GiB}; every unit counts in 1024s, as memory sizes do).
     *
     * @param text the value, never {@code null}
     * @return the number of bytes, or empty if the text is not such a size or too large for a long
     */
    public static OptionalLong parseSize(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long unit = switch (m.group(2) == null ? "b" : m.group(2)) {
            case "kb", "kib" -> 1L << 10;
            case "mb", "mib" -> 1L << 20;
            case "gb", "gib" -> 1L << 30;
            default -> 1L;
        };
        try {
            return OptionalLong.of(Math.multiplyExact(Long.parseLong(m.group(1)), unit));
        } catch (ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Parses a percentage: {@code 25%}, {@code 25}, {@code 12.5%}.
     *
     * @param text the value, never {@code null}
     * @return the fraction it stands for ({@code 25%} is 0.25), or empty if the text is no
     *         percentage from 0 to 100
     */
    public static OptionalDouble parsePercent(String text) {
        Matcher m = PERCENT.matcher(text.strip());
        if (!m.matches()) {
            return OptionalDouble.empty();
        }
        double value = Double.parseDouble(m.group(1));
        return value > 100 ? OptionalDouble.empty() : OptionalDouble.of(value / 100);
    }

    /**
     * Writes a duration the way settings spell it: {@code 300ms}, {@code 90s}, {@code 15m}, {@code 2h}.
     *
     * @param d the duration, never {@code null}
     * @return the shortest exact form among ms, s, m, h and d
     */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s > 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s > 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 && s > 0 ? s / 60 + "m" : s + "s";
    }

    /**
     * Writes a size the way settings spell it: {@code 512B}, {@code 256KB}, {@code 10MB}.
     *
     * @param bytes the size
     * @return the largest exact unit
     */
    public static String formatSize(long bytes) {
        if (bytes > 0 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "GB";
        }
        if (bytes > 0 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "MB";
        }
        return bytes > 0 && bytes % 1024 == 0 ? (bytes >> 10) + "KB" : bytes + "B";
    }

    /**
     * Whether a key names a secret by convention, whatever its spelling ({@code -}, {@code _} and
     * {@code .} alike, any case).
     *
     * @param key a full or relative key, never {@code null}
     * @return {@code true} for keys whose last word is token, secret, password, passphrase or
     *         credentials, and keys ending in webhook-url, api-key or access-key
     */
    public static boolean looksSecret(String key) {
        String k = key.strip().toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
        String last = k.substring(k.lastIndexOf('.') + 1);
        return switch (last) {
            case "token", "secret", "password", "passphrase", "credentials" -> true;
            default -> k.endsWith("webhook.url") || k.endsWith("api.key") || k.endsWith("access.key")
                    || k.endsWith("private.key");
        };
    }

    /**
     * Whether a value carries a credential whatever its key is called: a URL with a user and password
     * ({@code https://user:pw@host/}) or with a token-like query parameter ({@code ?token=…},
     * {@code &sig=…}, {@code access_token}, {@code api_key}, {@code code}, {@code key}, {@code secret},
     * {@code password}, {@code signature}, {@code auth}). Such a value is masked wherever it prints.
     *
     * @param value a setting's value, never {@code null}
     * @return {@code true} if it must be masked
     * @since 0.2
     */
    public static boolean carriesCredentials(String value) {
        Matcher m = URL_WITH_CREDENTIALS.matcher(value);
        return m.find();
    }

    /**
     * Masks the credentials of every URL in a text: the user and password of {@code scheme://user:pw@host}
     * and the values of token-like query parameters. For failure messages that quote a URL they were
     * not given through a setting (a client's own error text).
     *
     * @param text any text, never {@code null}
     * @return the text with those parts as {@code ****}
     * @since 0.2
     */
    public static String scrubCredentials(String text) {
        String out = USERINFO.matcher(text).replaceAll("$1****@");
        return QUERY_SECRET.matcher(out).replaceAll("$1****");
    }

    private static final Pattern USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/\\s?#@]*:[^/\\s?#@]*@");
    private static final Pattern QUERY_SECRET = Pattern.compile(
            "([?&](?:[a-z0-9_.-]*[_.-])?(?:token|sig|signature|key|secret|password|passwd|pwd|code|auth|credential|credentials)=)[^&\\s'\"]+",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern URL_WITH_CREDENTIALS = Pattern.compile(
            "[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s?#@]*:[^/\\s?#@]*@"
                    + "|[?&](?:[a-z0-9_.-]*[_.-])?(?:token|sig|signature|key|secret|password|passwd|pwd|code|auth|credential|credentials)=[^&\\s]",
            Pattern.CASE_INSENSITIVE);

    /**
     * Whether a host is this machine's loopback: {@code localhost} or a loopback IP literal. Names
     * other than {@code localhost} are not looked up: DNS could say anything.
     *
     * @param host a URI's host, possibly a bracketed IPv6 literal, or {@code null}
     * @return {@code true} for a loopback host
     * @since 0.2
     */
    public static boolean isLoopback(@org.jspecify.annotations.Nullable String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
