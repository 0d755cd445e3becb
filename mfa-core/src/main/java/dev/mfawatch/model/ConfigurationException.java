package dev.mfawatch.model;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A setting is missing, unknown or malformed, or the configuration does not fit together. Thrown at
 * start-up, before any network call, with every problem found at once.
 *
 * @since 0.1
 */
public final class ConfigurationException extends MfaWatchException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;
    private final @Nullable String key;

    /**
     * One problem with one key.
     *
     * @param key     the full setting key, e.g. {@code mfawatch.monitor.gh.token}
     * @param problem what is wrong with it and what is expected; must not contain a secret value
     */
    public ConfigurationException(String key, String problem) {
        super(problem, null);
        this.key = Objects.requireNonNull(key, "key");
        this.problems = List.of(problem);
    }

    private ConfigurationException(List<String> problems) {
        super(problems.size() + " configuration problems:\n  - " + String.join("\n  - ", problems), null);
        this.key = null;
        this.problems = List.copyOf(problems);
    }

    /**
     * Joins several problems into one exception, or returns the only one.
     *
     * @param found the problems, at least one
     * @return one exception naming them all
     */
    public static ConfigurationException of(List<ConfigurationException> found) {
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no problems to report");
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        return new ConfigurationException(found.stream().flatMap(e -> e.problems().stream()).toList());
    }

    /**
     * Each problem, one sentence each.
     *
     * @return the problems, at least one
     */
    public List<String> problems() {
        return problems;
    }

    /**
     * The key of a single problem.
     *
     * @return the key, or {@code null} when this exception joins several problems
     */
    public @Nullable String key() {
        return key;
    }
}
