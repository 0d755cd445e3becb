package dev.mfawatch.core;

import dev.mfawatch.model.ConfigurationException;
import dev.mfawatch.spi.Secret;
import dev.mfawatch.spi.SettingValues;
import dev.mfawatch.spi.Settings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one start-up: the merged sources, {@code ${env:}} references, which keys were
 * read (to find typos), which are secret (to mask and redact them), and the problems found so far.
 *
 * <p>Keys are stored in a canonical form: lower case, and {@code -}, {@code _} and {@code .} alike,
 * except for the instance name after {@code mfawatch.monitor.} or {@code mfawatch.notifier.}, which
 * is kept exactly ({@code a-b} and {@code a_b} are two instances). Environment variables are mapped
 * to keys by matching them against the declared instance names, longest name first.
 */
final class ConfiguredSettings implements Settings {

    private static final Pattern ENV_REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final List<String> INSTANCE_KINDS = List.of("monitor", "notifier");

    private record Entry(String key, String value, boolean fromEnvironment) {
    }

    /** What every view of one start-up shares. */
    private static final class Root {
        final Map<String, Entry> entries;
        final Map<String, String> env;
        final Set<String> read = ConcurrentHashMap.newKeySet();
        final Set<String> secretKeys = ConcurrentHashMap.newKeySet();
        final Map<String, ConfigurationException> problems = Collections.synchronizedMap(new LinkedHashMap<>());
        volatile boolean collecting;

        Root(Map<String, Entry> entries, Map<String, String> env) {
            this.entries = entries;
            this.env = env;
        }
    }

    private final Root root;
    private final String prefix;

    private ConfiguredSettings(Root root, String prefix) {
        this.root = root;
        this.prefix = prefix;
    }

    /**
     * Merges the sources. Problems found while merging (two instance names the environment cannot
     * tell apart) are collected like every later one.
     *
     * @param sources         the sources
     * @param givenMonitors   names of monitor objects handed to the builder
     * @param givenNotifiers  names of notifier objects handed to the builder
     * @return settings that collect problems until {@link #stopCollecting()}
     */
    static ConfiguredSettings resolve(SettingsSources sources, Collection<String> givenMonitors, Collection<String> givenNotifiers) {
        Map<String, Entry> merged = new TreeMap<>();
        Map<String, String> env = sources.environment();
        Map<String, Map<String, String>> declared = new LinkedHashMap<>();
        List<ConfigurationException> clashes = new ArrayList<>();
        for (String kind : INSTANCE_KINDS) {
            List<String> names = new ArrayList<>(declaredNames(sources, kind));
            names.addAll(kind.equals("monitor") ? givenMonitors : givenNotifiers);
            declared.put(kind, envPrefixes(kind, names, clashes));
        }
        sources.file().forEach((k, v) -> put(merged, k, k, v, false));
        env.forEach((k, v) -> {
            if (k.toUpperCase(Locale.ROOT).startsWith("MFAWATCH_")) {
                put(merged, k, envKey(k, declared), v, true);
            }
        });
        sources.systemProperties().forEach((k, v) -> {
            if (canonical(k).startsWith("mfawatch.")) {
                put(merged, k, k, v, false);
            }
        });
        Root root = new Root(Collections.unmodifiableMap(merged), Map.copyOf(env));
        root.collecting = true;
        for (ConfigurationException e : clashes) {
            root.problems.put("clash:" + e.getMessage(), e);
        }
        return new ConfiguredSettings(root, "");
    }

    /** The canonical form of a full key. */
    static String canonical(String key) {
        String k = key.strip().toLowerCase(Locale.ROOT);
        for (String kind : INSTANCE_KINDS) {
            String head = "mfawatch." + kind + ".";
            int end = k.indexOf('.', head.length());
            if (k.startsWith(head) && end > 0) {
                return head + k.substring(head.length(), end) + "." + words(k.substring(end + 1));
            }
        }
        return words(k);
    }

    private static String words(String k) {
        return k.replace('_', '.').replace('-', '.');
    }

    private static List<String> declaredNames(SettingsSources sources, String kind) {
        String key = "mfawatch." + kind + "s";
        String value = null;
        for (Map<String, String> source : List.of(sources.file(), sources.environment(), sources.systemProperties())) {
            for (Map.Entry<String, String> e : source.entrySet()) {
                if (canonical(e.getKey()).equals(key)) {
                    value = e.getValue();
                }
            }
        }
        List<String> names = new ArrayList<>();
        if (value != null) {
            for (String n : value.split(",")) {
                if (!n.isBlank()) {
                    names.add(n.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    /** Maps each declared name's environment prefix to the name; two names with one prefix are a problem. */
    private static Map<String, String> envPrefixes(String kind, List<String> names, List<ConfigurationException> clashes) {
        Map<String, String> byPrefix = new LinkedHashMap<>();
        for (String name : names) {
            String p = "MFAWATCH_" + kind.toUpperCase(Locale.ROOT) + "_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
            String other = byPrefix.putIfAbsent(p, name);
            if (other != null && !other.equals(name)) {
                clashes.add(new ConfigurationException("mfawatch." + kind + "s", kind + " names " + other + " and " + name
                        + " both map to the environment prefix " + p + ", so their environment variables cannot be told apart: rename one"));
            }
        }
        return byPrefix;
    }

    private static String envKey(String variable, Map<String, Map<String, String>> declared) {
        String upper = variable.toUpperCase(Locale.ROOT);
        for (Map.Entry<String, Map<String, String>> kind : declared.entrySet()) {
            String best = null;
            for (String p : kind.getValue().keySet()) {
                if (upper.startsWith(p) && upper.length() > p.length() && (best == null || p.length() > best.length())) {
                    best = p;
                }
            }
            if (best != null) {
                return "mfawatch." + kind.getKey() + "." + kind.getValue().get(best) + "."
                        + upper.substring(best.length()).toLowerCase(Locale.ROOT);
            }
        }
        return upper.toLowerCase(Locale.ROOT);
    }

    private static void put(Map<String, Entry> merged, String spelled, String key, String value, boolean fromEnvironment) {
        merged.put(canonical(key), new Entry(spelled.strip(), value.strip(), fromEnvironment));
    }

    /**
     * A view in which keys are relative to {@code scope}.
     *
     * @param scope a full prefix without the trailing dot, e.g. {@code mfawatch.monitor.gh}
     * @return the view, sharing this one's bookkeeping
     */
    ConfiguredSettings scoped(String scope) {
        return new ConfiguredSettings(root, scope);
    }

    /** From now on a problem throws at once, as it does for any settings outside start-up. */
    void stopCollecting() {
        root.collecting = false;
    }

    /** @return the problems collected so far, in the order found */
    List<ConfigurationException> problems() {
        synchronized (root.problems) {
            return List.copyOf(root.problems.values());
        }
    }

    /**
     * Records a problem that did not come through {@link #reject}, at most one per key.
     *
     * @param e the problem
     */
    void addProblem(ConfigurationException e) {
        String key = e.key() == null ? "" : canonical(e.key());
        root.problems.putIfAbsent(key.isEmpty() ? e.getMessage() : key, e);
    }

    @Override
    public String fullKey(String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    @Override
    public Optional<String> findString(String key) {
        String full = canonical(fullKey(key));
        root.read.add(full);
        Entry e = root.entries.get(full);
        if (e == null) {
            return Optional.empty();
        }
        Optional<String> value = interpolate(e.value());
        if (value.isEmpty()) {
            Matcher m = ENV_REF.matcher(e.value());
            String missing = "";
            while (m.find() && missing.isEmpty()) {
                missing = root.env.containsKey(m.group(1)) ? "" : m.group(1);
            }
            problem(key, fullKey(key) + " refers to ${env:" + missing + "}, but the environment variable " + missing + " is not set");
            return Optional.empty();
        }
        return value.filter(v -> !v.isEmpty());
    }

    @Override
    public Optional<Secret> findSecret(String key) {
        root.secretKeys.add(canonical(fullKey(key)));
        return findString(key).map(Secret::of);
    }

    @Override
    public void reject(String key, String reason) {
        Entry e = root.entries.get(canonical(fullKey(key)));
        String shown = "";
        if (e != null && !e.value().isEmpty()) {
            shown = "=" + (isSecret(canonical(fullKey(key)), e) ? "(value hidden)" : interpolate(e.value()).orElse(e.value()));
        }
        problem(key, fullKey(key) + shown + " " + reason);
    }

    private void problem(String key, String message) {
        ConfigurationException e = new ConfigurationException(fullKey(key), message);
        if (!root.collecting) {
            throw e;
        }
        root.problems.putIfAbsent(canonical(fullKey(key)), e);
    }

    /** @return the full keys set under this view that nothing has read, as spelled in their source, sorted */
    List<String> unreadKeys() {
        String p = canonicalPrefix();
        return root.entries.entrySet().stream().filter(e -> e.getKey().startsWith(p) && !root.read.contains(e.getKey()))
                .map(e -> e.getValue().key()).toList();
    }

    /**
     * Whether a key, as spelled in its source, came from the environment: a variable there may belong
     * to another tool that shares the prefix, and deserves a warning where a file's key gets an error.
     */
    boolean fromEnvironment(String spelledKey) {
        return root.entries.values().stream().anyMatch(e -> e.fromEnvironment() && e.key().equals(spelledKey));
    }

    /** The canonical form of this view's prefix with its trailing dot; an instance name in it stays as it is. */
    private String canonicalPrefix() {
        if (prefix.isEmpty()) {
            return "";
        }
        // Canonicalise a key under the prefix, so the instance part is recognised as one.
        String probe = canonical(prefix + ".x");
        return probe.substring(0, probe.length() - 1);
    }

    /**
     * Whether a full key holds a secret, by its name or because it was read as one.
     *
     * @param fullKey a full key in any spelling
     * @return {@code true} if its value must be masked
     */
    boolean isSecretKey(String fullKey) {
        String k = canonical(fullKey);
        // A notifier's URL is where alerts go, and often holds a token in its path: secret even when no
        // provider read it (a notifier defined but not listed in mfawatch.notifiers).
        boolean notifierUrl = k.startsWith("mfawatch.notifier.") && (k.endsWith(".url") || k.endsWith(".uri"));
        return root.secretKeys.contains(k) || SettingValues.looksSecret(fullKey) || notifierUrl;
    }

    /** A secret by its key, by having been read as one, or by a value that carries a credential. */
    private boolean isSecret(String canonicalKey, Entry e) {
        return isSecretKey(canonicalKey) || SettingValues.carriesCredentials(e.value())
                || SettingValues.carriesCredentials(interpolate(e.value()).orElse(""));
    }

    /** @return every setting under this view, secrets as {@code ****}, keys as spelled in their source */
    Map<String, String> describe() {
        String p = canonicalPrefix();
        Map<String, String> out = new LinkedHashMap<>();
        root.entries.forEach((k, e) -> {
            if (k.startsWith(p)) {
                out.put(e.key(), isSecret(k, e) ? "****" : e.value());
            }
        });
        return out;
    }

    /**
     * Replaces every secret value found in {@code text} with {@code ****}, in case a provider's error
     * echoes what it was given.
     *
     * @param text any text
     * @return the text without secret values
     */
    String redact(String text) {
        String out = text;
        for (Map.Entry<String, Entry> e : root.entries.entrySet()) {
            if (!isSecret(e.getKey(), e.getValue())) {
                continue;
            }
            for (String v : List.of(e.getValue().value(), interpolate(e.getValue().value()).orElse(""))) {
                // Very short values would mangle ordinary words and are no real secret anyway.
                if (v.length() >= 4) {
                    out = out.replace(v, "****");
                }
            }
        }
        return SettingValues.scrubCredentials(out);
    }

    private Optional<String> interpolate(String raw) {
        if (!raw.contains("${")) {
            return Optional.of(raw);
        }
        Matcher m = ENV_REF.matcher(raw);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            @Nullable String value = root.env.get(m.group(1));
            if (value == null) {
                return Optional.empty();
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return Optional.of(sb.toString());
    }

    @Override
    public String toString() {
        return "Settings[" + (prefix.isEmpty() ? "" : prefix + " ") + describe() + "]";
    }
}
