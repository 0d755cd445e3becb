package dev.mfawatch.spi;

import dev.mfawatch.core.ConfigurationException;
import dev.mfawatch.core.internal.SettingValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A read-only view of mfa-watch's flat, dotted settings, scoped to one provider instance.
 *
 * <p>Keys are the same from every source once normalised (lower case, {@code -} and {@code _} read
 * as {@code .}): {@code mfawatch.monitor.gh.token} in a properties file, {@code -Dmfawatch.monitor.gh.token}
 * and {@code MFAWATCH_MONITOR_GH_TOKEN} in the environment all name one setting. Sources, later
 * overriding earlier: defaults, the properties file, the environment, system properties.
 * A value may refer to an environment variable as {@code ${env:NAME}}.
 *
 * <p>A provider's {@code create} gets settings scoped to its instance, so {@code token} means
 * {@code mfawatch.monitor.gh.token}. Every key a provider reads is remembered; a key left unread
 * under a provider's scope is reported as unknown, which catches typos. Values of secret keys
 * (ending in {@code token}, {@code secret}, {@code password}, {@code webhook-url}, or read with
 * {@link #secret}) never appear in a message, in {@link #toString()} or in {@link #describe()}.
 *
 * <p>Instances are immutable apart from that bookkeeping, and safe to share between threads.
 * Malformed values throw {@link ConfigurationException} naming the full key and what was expected.
 *
 * @since 0.1
 */
public final class Settings {

    private static final Pattern ENV_REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private record Entry(String key, String value) {
    }

    /** Bookkeeping shared by a root and all its scoped views. */
    private static final class Shared {
        final Set<String> read = ConcurrentHashMap.newKeySet();
        final Set<String> secretKeys = ConcurrentHashMap.newKeySet();
    }

    private final Map<String, Entry> entries;
    private final Map<String, String> env;
    private final String prefix;
    private final Shared shared;

    private Settings(Map<String, Entry> entries, Map<String, String> env, String prefix, Shared shared) {
        this.entries = entries;
        this.env = env;
        this.prefix = prefix;
        this.shared = shared;
    }

    /**
     * Settings from one map of full keys, with no environment to interpolate from.
     *
     * @param values full keys (any spelling) to values
     * @return the settings
     */
    public static Settings of(Map<String, String> values) {
        return fromSources(values, Map.of(), Map.of());
    }

    /**
     * Settings from the three sources, later overriding earlier. Only environment variables that
     * start with {@code MFAWATCH_} and system properties that start with {@code mfawatch.} are
     * settings; the whole environment serves {@code ${env:NAME}}.
     *
     * @param file             entries of the properties file
     * @param environment      the environment variables
     * @param systemProperties the system properties
     * @return the settings
     */
    public static Settings fromSources(Map<String, String> file, Map<String, String> environment,
                                       Map<String, String> systemProperties) {
        Map<String, Entry> merged = new TreeMap<>();
        file.forEach((k, v) -> put(merged, k, v));
        environment.forEach((k, v) -> {
            if (k.toUpperCase(Locale.ROOT).startsWith("MFAWATCH_")) {
                put(merged, k, v);
            }
        });
        systemProperties.forEach((k, v) -> {
            if (normalize(k).startsWith("mfawatch.")) {
                put(merged, k, v);
            }
        });
        return new Settings(Collections.unmodifiableMap(merged), Map.copyOf(environment), "", new Shared());
    }

    /**
     * Reads a properties file (UTF-8) as a settings source for {@link #fromSources}.
     *
     * @param file the file
     * @param what how messages name it, e.g. {@code --config} or {@code mfawatch.config}
     * @return its entries
     * @throws ConfigurationException if it is missing or cannot be read
     */
    public static Map<String, String> readProperties(java.nio.file.Path file, String what) {
        return dev.mfawatch.core.internal.DefaultSettings.readFile(file, what);
    }

    private static void put(Map<String, Entry> merged, String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, () -> "value of " + key);
        merged.put(normalize(key), new Entry(key.strip(), value.strip()));
    }

    /**
     * The canonical form of a key: trimmed, lower case, with {@code -} and {@code _} turned into {@code .}.
     *
     * @param key a key in any spelling
     * @return the normalised key
     */
    public static String normalize(String key) {
        return key.strip().toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
    }

    /**
     * A view in which keys are relative to {@code prefix}.
     *
     * @param scope a key prefix relative to this view, e.g. {@code mfawatch.monitor.gh}; a trailing dot is added
     * @return the scoped view, sharing this view's bookkeeping
     */
    public Settings scoped(String scope) {
        String p = scope.endsWith(".") ? scope : scope + ".";
        return new Settings(entries, env, prefix + p, shared);
    }

    /**
     * The full key that a relative key names in this view, as messages spell it.
     *
     * @param key a key relative to this view
     * @return the full key, e.g. {@code mfawatch.monitor.gh.token}
     */
    public String fullKey(String key) {
        return prefix + key;
    }

    /**
     * The value of a key, with {@code ${env:NAME}} references resolved.
     *
     * @param key a key relative to this view
     * @return the value, or empty if the key is not set or set to the empty string
     * @throws ConfigurationException if the value names an environment variable that is not set
     */
    public Optional<String> get(String key) {
        String full = normalize(fullKey(key));
        shared.read.add(full);
        Entry e = entries.get(full);
        if (e == null) {
            return Optional.empty();
        }
        String value = interpolate(key, e.value());
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /**
     * The value of a key, or a default.
     *
     * @param key  a key relative to this view
     * @param dflt the value when the key is not set
     * @return the value
     */
    public String get(String key, String dflt) {
        return get(key).orElse(dflt);
    }

    /**
     * The value of a key that must be set.
     *
     * @param key a key relative to this view
     * @return the value, never empty
     * @throws ConfigurationException if the key is not set
     */
    public String require(String key) {
        return get(key).orElseThrow(() -> new ConfigurationException(fullKey(key), fullKey(key) + " is required but not set"));
    }

    /**
     * A whole number.
     *
     * @param key  a key relative to this view
     * @param dflt the value when the key is not set
     * @return the number
     * @throws ConfigurationException if the value is not a whole number
     */
    public int integer(String key, int dflt) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw malformed(key, v.get(), "a whole number (e.g. 100)");
        }
    }

    /**
     * A flag: {@code true} or {@code false}, in any case.
     *
     * @param key  a key relative to this view
     * @param dflt the value when the key is not set
     * @return the flag
     * @throws ConfigurationException if the value is neither
     */
    public boolean bool(String key, boolean dflt) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return dflt;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw malformed(key, v.get(), "true or false");
        };
    }

    /**
     * A duration such as {@code 500ms}, {@code 90s}, {@code 15m}, {@code 2h}, {@code 1d}, {@code 1h30m}
     * or ISO-8601 {@code PT1M}.
     *
     * @param key  a key relative to this view
     * @param dflt the value when the key is not set
     * @return the duration, never negative
     * @throws ConfigurationException if the value is not such a duration
     */
    public Duration duration(String key, Duration dflt) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return dflt;
        }
        return SettingValues.parseDuration(v.get())
                .orElseThrow(() -> malformed(key, v.get(), "a duration (try 30s or 5m)"));
    }

    /**
     * A file system path.
     *
     * @param key a key relative to this view
     * @return the path, or empty when the key is not set
     * @throws ConfigurationException if the value is not a valid path
     */
    public Optional<java.nio.file.Path> path(String key) {
        Optional<String> v = get(key);
        try {
            return v.map(java.nio.file.Path::of);
        } catch (java.nio.file.InvalidPathException e) {
            throw malformed(key, v.get(), "a valid path (" + e.getReason() + ")");
        }
    }

    /**
     * An http or https URL with a host, such as an API endpoint or a webhook. A secret key's value is
     * not repeated in the message.
     *
     * @param key a key relative to this view
     * @return the URL, or empty when the key is not set
     * @throws ConfigurationException if the value is not such a URL
     */
    public Optional<java.net.URI> httpUrl(String key) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            java.net.URI uri = new java.net.URI(v.get());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (java.net.URISyntaxException e) {
            // Reported below, the same way as a URL of the wrong kind.
        }
        throw malformed(key, v.get(), "an http(s) URL");
    }

    /**
     * A comma-separated list; blanks around items and empty items are dropped.
     *
     * @param key a key relative to this view
     * @return the items, or an empty list when the key is not set
     */
    public List<String> list(String key) {
        return get(key).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /**
     * One of a fixed set of words, compared ignoring case.
     *
     * @param key     a key relative to this view
     * @param dflt    the value when the key is not set
     * @param allowed the accepted values, in lower case
     * @return the value, in lower case
     * @throws ConfigurationException if the value is not one of {@code allowed}
     */
    public String choice(String key, String dflt, String... allowed) {
        String v = get(key).map(s -> s.toLowerCase(Locale.ROOT)).orElse(dflt);
        if (!Arrays.asList(allowed).contains(v)) {
            throw malformed(key, v, "one of " + String.join(", ", allowed));
        }
        return v;
    }

    /**
     * A secret that must be set. The key is remembered as secret, so its value is masked everywhere.
     *
     * @param key a key relative to this view
     * @return the secret
     * @throws ConfigurationException if the key is not set
     */
    public Secret secret(String key) {
        return optionalSecret(key).orElseThrow(() -> new ConfigurationException(fullKey(key), fullKey(key) + " is required but not set"));
    }

    /**
     * A secret that may be absent. The key is remembered as secret, so its value is masked everywhere.
     *
     * @param key a key relative to this view
     * @return the secret, or empty
     */
    public Optional<Secret> optionalSecret(String key) {
        shared.secretKeys.add(normalize(fullKey(key)));
        return get(key).map(Secret::of);
    }

    /**
     * The full keys that are set under this view, as first spelled in their source.
     *
     * @return the keys, sorted
     */
    public List<String> keys() {
        String p = normalize(prefix);
        return entries.entrySet().stream().filter(e -> e.getKey().startsWith(p)).map(e -> e.getValue().key()).toList();
    }

    /**
     * The full keys set under this view that nothing has read: misspelt or unsupported keys once the
     * provider of this view has been created.
     *
     * @return the keys, sorted
     */
    public List<String> unreadKeys() {
        String p = normalize(prefix);
        return entries.entrySet().stream().filter(e -> e.getKey().startsWith(p) && !shared.read.contains(e.getKey()))
                .map(e -> e.getValue().key()).toList();
    }

    /**
     * Whether a full key is secret: by its name, or because it was read with {@link #secret}.
     *
     * @param fullKey a full key in any spelling
     * @return {@code true} if its value must be masked
     */
    public boolean isSecretKey(String fullKey) {
        String n = normalize(fullKey);
        return shared.secretKeys.contains(n) || SettingValues.looksSecret(n);
    }

    /**
     * Every setting under this view with secret values shown as {@code ****}, for {@code config check}
     * and diagnostics.
     *
     * @return full keys to values (unresolved {@code ${env:…}} references are shown as written), sorted
     */
    public Map<String, String> describe() {
        String p = normalize(prefix);
        Map<String, String> out = new LinkedHashMap<>();
        entries.forEach((k, e) -> {
            if (k.startsWith(p)) {
                out.put(e.key(), isSecretKey(k) ? "****" : e.value());
            }
        });
        return out;
    }

    /**
     * Replaces every secret value that appears in {@code text} with {@code ****}. The run passes
     * every failure message through this before it reaches a log or a report, in case a provider's
     * error echoes what it was given.
     *
     * @param text any text
     * @return the text without secret values
     */
    public String redact(String text) {
        String out = text;
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (!isSecretKey(e.getKey())) {
                continue;
            }
            List<String> values = new ArrayList<>(List.of(e.getValue().value()));
            try {
                values.add(interpolate(e.getKey(), e.getValue().value()));
            } catch (ConfigurationException ignored) {
                // An unresolvable reference has no value to leak.
            }
            for (String v : values) {
                // Very short values would mangle ordinary words and are no real secret anyway.
                if (v.length() >= 4) {
                    out = out.replace(v, "****");
                }
            }
        }
        return out;
    }

    /** @return the prefix and the masked settings, never a secret value */
    @Override
    public String toString() {
        return "Settings[" + (prefix.isEmpty() ? "" : prefix + " ") + describe() + "]";
    }

    private String interpolate(String key, String raw) {
        if (!raw.contains("${")) {
            return raw;
        }
        Matcher m = ENV_REF.matcher(raw);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null) {
                throw new ConfigurationException(fullKey(key), fullKey(key) + " refers to ${env:" + m.group(1)
                        + "}, but the environment variable " + m.group(1) + " is not set");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private ConfigurationException malformed(String key, String value, String expected) {
        String shown = isSecretKey(fullKey(key)) ? "(value hidden)" : value;
        return new ConfigurationException(fullKey(key), fullKey(key) + "=" + shown + " is not " + expected);
    }
}
