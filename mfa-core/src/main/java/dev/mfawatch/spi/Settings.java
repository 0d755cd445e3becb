package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mfawatch.model.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one provider instance, as typed values: what a {@link MonitorProvider},
 * {@link NotifierProvider} or {@link SnapshotStoreProvider} reads in {@code create}.
 *
 * <p>Keys are relative to the instance: a monitor named {@code gh} reads {@code token}, which is
 * {@code mfawatch.monitor.gh.token} in a properties file and {@code MFAWATCH_MONITOR_GH_TOKEN} in the
 * environment. Within a key, {@code -}, {@code _} and {@code .} are the same and case does not
 * matter ({@code role-arn} is {@code ROLE_ARN}). A value set to the empty string counts as unset.
 *
 * <p>Every type has the same three getters: {@code findX(key)} for an optional value,
 * {@code getX(key)} for a required one and {@code getX(key, default)} for one with a default (some
 * also take bounds). A missing, malformed or out-of-range value is reported through
 * {@link #reject}: messages name the full key, the value (never a secret one) and what is expected.
 * Outside mfa-watch's own start-up that throws {@link ConfigurationException}; during start-up the
 * problem is collected and the getter returns a stand-in (the default, or an empty value), so that
 * every problem of every instance is reported at once. A provider therefore must not act on a value
 * beyond building its objects in {@code create} (no network, no files written).
 *
 * <p>Only the four abstract methods are implemented; the typed getters are built on them. Reading
 * is free of effects a provider can see. Implementations are safe to share between threads.
 *
 * @since 0.2
 */
@API(status = EXPERIMENTAL, since = "0.2")
public interface Settings {

    /** The longest duration any setting takes unless its getter names its own bounds: 3,660 days. */
    Duration LONGEST = Duration.ofDays(3660);

    /** The largest size any setting takes unless its getter names its own bounds: 1 TiB. */
    long LARGEST = 1L << 40;

    /**
     * The value of a key as written, with {@code ${env:NAME}} references resolved.
     *
     * @param key a key relative to this instance, never {@code null}
     * @return the value, or empty when the key is not set or is set to the empty string
     */
    Optional<String> findString(String key);

    /**
     * The value of a key that holds a secret. Its value is then masked wherever mfa-watch shows or
     * logs settings, and removed from failure messages, whatever the key is called.
     *
     * @param key a key relative to this instance, never {@code null}
     * @return the secret, or empty when not set
     */
    Optional<Secret> findSecret(String key);

    /**
     * The full key that a relative key names, as messages spell it.
     *
     * @param key a key relative to this instance, never {@code null}
     * @return the full key, e.g. {@code mfawatch.monitor.gh.token}
     */
    String fullKey(String key);

    /**
     * Reports that a key's value cannot be used. The message is the full key, its value (hidden for
     * a secret key) and {@code reason}: {@code reject("region", "is not an AWS region (e.g. us-east-1)")}
     * gives {@code mfawatch.monitor.aws.region=mars-1 is not an AWS region (e.g. us-east-1)}.
     *
     * <p>During mfa-watch's start-up this records the problem and returns, so the caller goes on and
     * every other problem is found too; elsewhere it throws.
     *
     * @param key    a key relative to this instance, never {@code null}
     * @param reason what is wrong and what is expected, starting with a verb; never a secret value
     * @throws ConfigurationException when problems are not being collected
     */
    void reject(String key, String reason);

    /**
     * Settings from a map, for tests and for hosts that build providers themselves. Problems throw at
     * once; there is no environment for {@code ${env:}} references.
     *
     * @param scope  the prefix that makes keys full in messages, e.g. {@code mfawatch.monitor.gh};
     *               empty for none
     * @param values keys relative to {@code scope} to values, never {@code null}
     * @return the settings
     */
    static Settings of(String scope, Map<String, String> values) {
        return new MapSettings(scope, values);
    }

    /**
     * Settings from a map of keys without a scope.
     *
     * @param values keys to values, never {@code null}
     * @return the settings
     * @see #of(String, Map)
     */
    static Settings of(Map<String, String> values) {
        return new MapSettings("", values);
    }

    // ----- strings and secrets -------------------------------------------------------------------

    /**
     * A text that must be set.
     *
     * @param key a key relative to this instance
     * @return the value; the empty string only after a collected problem
     */
    default String getString(String key) {
        return findString(key).orElseGet(() -> missing(key, ""));
    }

    /**
     * A text with a default.
     *
     * @param key  a key relative to this instance
     * @param dflt the value when unset, never {@code null}
     * @return the value
     */
    default String getString(String key, String dflt) {
        return findString(key).orElse(dflt);
    }

    /**
     * A secret that must be set.
     *
     * @param key a key relative to this instance
     * @return the secret
     * @see #findSecret(String)
     */
    default Secret getSecret(String key) {
        return findSecret(key).orElseGet(() -> missing(key, Secret.of("")));
    }

    /**
     * A secret http or https URL that must be set, such as a webhook URL with a token in it.
     *
     * @param key a key relative to this instance
     * @return the URL as a secret; check it with {@link URI#create} when used
     */
    default Secret getSecretUri(String key) {
        Secret s = getSecret(key);
        if (!s.reveal().isEmpty() && httpUri(s.reveal()).isEmpty()) {
            reject(key, "is not an http(s) URL");
        }
        return s;
    }

    /**
     * One of a fixed set of words, compared ignoring case.
     *
     * @param key     a key relative to this instance
     * @param dflt    the value when unset
     * @param allowed the accepted values, in lower case
     * @return the value, in lower case
     */
    default String getChoice(String key, String dflt, String... allowed) {
        Optional<String> v = findString(key).map(s -> s.toLowerCase(Locale.ROOT));
        if (v.isPresent() && !Arrays.asList(allowed).contains(v.get())) {
            reject(key, "is not one of " + String.join(", ", allowed));
            return dflt;
        }
        return v.orElse(dflt);
    }

    /**
     * One constant of an enum, named in any case with {@code -} for {@code _} ({@code min-severity=high}).
     *
     * @param <E>  the enum
     * @param key  a key relative to this instance
     * @param dflt the value when unset, never {@code null}
     * @return the constant
     */
    default <E extends Enum<E>> E getEnum(String key, E dflt) {
        E[] all = dflt.getDeclaringClass().getEnumConstants();
        Optional<String> v = findString(key);
        if (v.isEmpty()) {
            return dflt;
        }
        for (E e : all) {
            if (e.name().equalsIgnoreCase(v.get().replace('-', '_'))) {
                return e;
            }
        }
        reject(key, "is not one of " + String.join(", ", Arrays.stream(all)
                .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList()));
        return dflt;
    }

    // ----- numbers ------------------------------------------------------------------------------

    /**
     * A whole number from 0 up that must be set.
     *
     * @param key a key relative to this instance
     * @return the number
     */
    default int getInt(String key) {
        if (findString(key).isEmpty()) {
            return missing(key, 0);
        }
        return getInt(key, 0);
    }

    /**
     * A whole number from 0 up, with a default.
     *
     * @param key  a key relative to this instance
     * @param dflt the value when unset
     * @return the number
     */
    default int getInt(String key, int dflt) {
        return getInt(key, dflt, 0, Integer.MAX_VALUE);
    }

    /**
     * A whole number within bounds, with a default.
     *
     * @param key  a key relative to this instance
     * @param dflt the value when unset (or after a collected problem)
     * @param min  the smallest accepted value
     * @param max  the largest accepted value
     * @return the number
     */
    default int getInt(String key, int dflt, int min, int max) {
        Optional<String> v = findString(key);
        if (v.isEmpty()) {
            return dflt;
        }
        int n;
        try {
            n = Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            reject(key, "is not a whole number (e.g. 100)");
            return dflt;
        }
        if (n < min || n > max) {
            reject(key, "is out of range (from " + min + " to " + max + ")");
            return dflt;
        }
        return n;
    }

    /**
     * A flag that must be set: {@code true} or {@code false}, in any case.
     *
     * @param key a key relative to this instance
     * @return the flag
     */
    default boolean getBoolean(String key) {
        if (findString(key).isEmpty()) {
            return missing(key, false);
        }
        return getBoolean(key, false);
    }

    /**
     * A flag with a default.
     *
     * @param key  a key relative to this instance
     * @param dflt the value when unset
     * @return the flag
     */
    default boolean getBoolean(String key, boolean dflt) {
        Optional<String> v = findString(key);
        if (v.isEmpty()) {
            return dflt;
        }
        switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                reject(key, "is not true or false");
                return dflt;
        }
    }

    /**
     * A percentage that must be set, such as {@code 25%}.
     *
     * @param key a key relative to this instance
     * @return the fraction, from 0 to 1 ({@code 25%} is 0.25)
     */
    default double getPercent(String key) {
        if (findString(key).isEmpty()) {
            return missing(key, 0.0);
        }
        return getPercent(key, 0.0);
    }

    /**
     * A percentage with a default.
     *
     * @param key  a key relative to this instance
     * @param dflt the fraction when unset, from 0 to 1
     * @return the fraction, from 0 to 1
     */
    default double getPercent(String key, double dflt) {
        Optional<String> v = findString(key);
        if (v.isEmpty()) {
            return dflt;
        }
        OptionalDouble p = SettingValues.parsePercent(v.get());
        if (p.isEmpty()) {
            reject(key, "is not a percentage from 0% to 100% (e.g. 25%)");
            return dflt;
        }
        return p.getAsDouble();
    }

    /**
     * A size in bytes that must be set, such as {@code 256KB}.
     *
     * @param key a key relative to this instance
     * @return the bytes, from 1 to {@link #LARGEST}
     */
    default long getSize(String key) {
        if (findString(key).isEmpty()) {
            return missing(key, 1L);
        }
        return getSize(key, 1L);
    }

    /**
     * A size in bytes from 1 to {@link #LARGEST}, with a default.
     *
     * @param key  a key relative to this instance
     * @param dflt the bytes when unset
     * @return the bytes
     */
    default long getSize(String key, long dflt) {
        return getSize(key, dflt, 1, LARGEST);
    }

    /**
     * A size in bytes within bounds, with a default.
     *
     * @param key  a key relative to this instance
     * @param dflt the bytes when unset
     * @param min  the smallest accepted size
     * @param max  the largest accepted size
     * @return the bytes
     */
    default long getSize(String key, long dflt, long min, long max) {
        Optional<String> v = findString(key);
        if (v.isEmpty()) {
            return dflt;
        }
        OptionalLong n = SettingValues.parseSize(v.get());
        if (n.isEmpty()) {
            reject(key, "is not a size (e.g. 256KB or 10MB)");
            return dflt;
        }
        if (n.getAsLong() < min || n.getAsLong() > max) {
            reject(key, "is out of range (from " + SettingValues.formatSize(min) + " to " + SettingValues.formatSize(max) + ")");
            return dflt;
        }
        return n.getAsLong();
    }

    // ----- durations ----------------------------------------------------------------------------

    /**
     * A duration that must be set, from 1 ms to {@link #LONGEST}.
     *
     * @param key a key relative to this instance
     * @return the duration
     * @see #getDuration(String, Duration, Duration, Duration)
     */
    default Duration getDuration(String key) {
        if (findString(key).isEmpty()) {
            return missing(key, Duration.ofSeconds(1));
        }
        return getDuration(key, Duration.ofSeconds(1));
    }

    /**
     * A duration from 1 ms to {@link #LONGEST}, with a default.
     *
     * @param key  a key relative to this instance
     * @param dflt the value when unset
     * @return the duration
     * @see #getDuration(String, Duration, Duration, Duration)
     */
    default Duration getDuration(String key, Duration dflt) {
        return getDuration(key, dflt, Duration.ofMillis(1), LONGEST);
    }

    /**
     * A duration within bounds, such as {@code 500ms}, {@code 90s}, {@code 15m}, {@code 2h},
     * {@code 1d}, {@code 1h30m} or ISO-8601 {@code PT1M}, with a default.
     *
     * @param key  a key relative to this instance
     * @param dflt the value when unset
     * @param min  the shortest accepted duration
     * @param max  the longest accepted duration
     * @return the duration
     */
    default Duration getDuration(String key, Duration dflt, Duration min, Duration max) {
        Optional<String> v = findString(key);
        if (v.isEmpty()) {
            return dflt;
        }
        Optional<Duration> d = SettingValues.parseDuration(v.get());
        if (d.isEmpty()) {
            reject(key, "is not a duration (try 30s or 5m)");
            return dflt;
        }
        if (d.get().compareTo(min) < 0 || d.get().compareTo(max) > 0) {
            reject(key, "is out of range (from " + SettingValues.format(min) + " to " + SettingValues.format(max) + ")");
            return dflt;
        }
        return d.get();
    }

    // ----- URIs, paths, lists -------------------------------------------------------------------

    /**
     * An http or https URI with a host, such as an API endpoint.
     *
     * @param key a key relative to this instance
     * @return the URI, or empty when unset (or after a collected problem)
     */
    default Optional<URI> findUri(String key) {
        Optional<String> v = findString(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Optional<URI> uri = httpUri(v.get());
        if (uri.isEmpty()) {
            reject(key, "is not an http(s) URL");
        }
        return uri;
    }

    /**
     * An http or https URI that must be set.
     *
     * @param key a key relative to this instance
     * @return the URI
     */
    default URI getUri(String key) {
        if (findString(key).isEmpty()) {
            return missing(key, URI.create("http://unset.invalid/"));
        }
        return findUri(key).orElse(URI.create("http://unset.invalid/"));
    }

    /**
     * An http or https URI with a default.
     *
     * @param key  a key relative to this instance
     * @param dflt the value when unset
     * @return the URI
     */
    default URI getUri(String key, URI dflt) {
        return findUri(key).orElse(dflt);
    }

    /**
     * The origin of a service that receives a credential, such as {@code https://acme.okta.com}:
     * https, or plain http only on a loopback address (a fake on this machine), since a token sent
     * in clear is a token given away. A path, query or user info is refused: the monitor adds its
     * own paths, and a URL copied from a browser often carries a page's.
     *
     * @param key  a key relative to this instance
     * @param dflt the origin when unset, or {@code null} if the key is required
     * @param hint what to write, for the message, e.g. {@code https://acme.okta.com}
     * @return {@code scheme://authority}, lower-case scheme, no trailing slash
     * @since 0.2
     */
    default URI getOrigin(String key, @Nullable URI dflt, String hint) {
        if (findString(key).isEmpty()) {
            return dflt != null ? dflt : missing(key, URI.create("https://unset.invalid"));
        }
        URI uri = credentialUrl(key, "", "takes an origin only, such as " + hint);
        return uri != null ? uri : dflt != null ? dflt : URI.create("https://unset.invalid");
    }

    /**
     * The base URL of an API that receives a credential and lives under a path, such as
     * {@code https://gitlab.example.com/api/v4}: held to the rules of {@link #getOrigin}, except that
     * its path must end in {@code pathEnd}.
     *
     * @param key     a key relative to this instance
     * @param dflt    the base URL when unset
     * @param pathEnd how the path must end, e.g. {@code /api/v4}
     * @param hint    what to write, for the message
     * @return {@code scheme://authority/path}, lower-case scheme, no trailing slash
     * @since 0.2
     */
    default URI getBaseUrl(String key, URI dflt, String pathEnd, String hint) {
        if (findString(key).isEmpty()) {
            return dflt;
        }
        URI uri = credentialUrl(key, pathEnd, "is not the API's base URL: give the URL ending in " + pathEnd + ", such as " + hint);
        return uri != null ? uri : dflt;
    }

    /** An http(s) URL whose path ends in {@code pathEnd} (empty: no path), over https unless on loopback. */
    private @Nullable URI credentialUrl(String key, String pathEnd, String wrongShape) {
        URI uri = findUri(key).orElse(null);
        if (uri == null) {
            return null;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        if (!path.endsWith(pathEnd) || pathEnd.isEmpty() && !path.isEmpty() || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            reject(key, wrongShape);
        } else if ("http".equalsIgnoreCase(uri.getScheme()) && !SettingValues.isLoopback(uri.getHost())) {
            reject(key, "is http://: the credential would cross the network in clear; use https://");
        }
        return URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority() + path);
    }

    /**
     * A file system path.
     *
     * @param key a key relative to this instance
     * @return the path, or empty when unset (or after a collected problem)
     */
    default Optional<Path> findPath(String key) {
        Optional<String> v = findString(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(v.get()));
        } catch (InvalidPathException e) {
            reject(key, "is not a valid path (" + e.getReason() + ")");
            return Optional.empty();
        }
    }

    /**
     * A file system path that must be set.
     *
     * @param key a key relative to this instance
     * @return the path
     */
    default Path getPath(String key) {
        if (findString(key).isEmpty()) {
            return missing(key, Path.of("unset"));
        }
        return findPath(key).orElse(Path.of("unset"));
    }

    /**
     * A file system path with a default.
     *
     * @param key  a key relative to this instance
     * @param dflt the value when unset
     * @return the path
     */
    default Path getPath(String key, Path dflt) {
        return findPath(key).orElse(dflt);
    }

    /**
     * A comma-separated list that must name at least one item. Blanks around items and empty items
     * are dropped.
     *
     * @param key a key relative to this instance
     * @return the items, at least one unless a problem was collected
     */
    default List<String> getList(String key) {
        List<String> items = getList(key, List.of());
        return items.isEmpty() ? missing(key, List.of()) : items;
    }

    /**
     * A comma-separated list with a default.
     *
     * @param key  a key relative to this instance
     * @param dflt the items when unset
     * @return the items
     */
    default List<String> getList(String key, List<String> dflt) {
        return findString(key)
                .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .filter(l -> !l.isEmpty())
                .orElse(List.copyOf(dflt));
    }

    private <T> T missing(String key, T standIn) {
        reject(key, "is required but not set");
        return standIn;
    }

    private static Optional<URI> httpUri(String text) {
        try {
            URI uri = new URI(text);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // Not a URI at all: the same answer as a URI of the wrong kind.
        }
        return Optional.empty();
    }
}
