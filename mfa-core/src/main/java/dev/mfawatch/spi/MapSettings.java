package dev.mfawatch.spi;

import dev.mfawatch.model.ConfigurationException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Settings#of}: a fixed map, problems thrown at once, no environment. */
final class MapSettings implements Settings {

    private final String scope;
    private final Map<String, String> values = new TreeMap<>();
    private final Set<String> secretKeys = ConcurrentHashMap.newKeySet();

    MapSettings(String scope, Map<String, String> given) {
        this.scope = Objects.requireNonNull(scope, "scope");
        given.forEach((k, v) -> values.put(canonical(Objects.requireNonNull(k, "key")),
                Objects.requireNonNull(v, () -> "value of " + k).strip()));
    }

    private static String canonical(String key) {
        return key.strip().toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
    }

    @Override
    public Optional<String> findString(String key) {
        return Optional.ofNullable(values.get(canonical(key))).filter(v -> !v.isEmpty());
    }

    @Override
    public Optional<Secret> findSecret(String key) {
        secretKeys.add(canonical(key));
        return findString(key).map(Secret::of);
    }

    @Override
    public String fullKey(String key) {
        return scope.isEmpty() ? key : scope + "." + key;
    }

    @Override
    public void reject(String key, String reason) {
        Optional<String> value = findString(key);
        String shown = value.isEmpty() ? "" : "=" + (isSecret(key) || SettingValues.carriesCredentials(value.get())
                ? "(value hidden)" : value.get());
        throw new ConfigurationException(fullKey(key), fullKey(key) + shown + " " + reason);
    }

    private boolean isSecret(String key) {
        return SettingValues.looksSecret(key) || secretKeys.contains(canonical(key));
    }

    @Override
    public String toString() {
        return "Settings[" + scope + ", " + values.size() + " keys]";
    }
}
