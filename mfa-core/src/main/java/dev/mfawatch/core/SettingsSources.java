package dev.mfawatch.core;

import dev.mfawatch.model.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where settings come from: a properties file, the environment and system properties, later ones
 * overriding earlier ones. Only environment variables starting with {@code MFAWATCH_} and system
 * properties starting with {@code mfawatch.} are settings; the whole environment serves
 * {@code ${env:NAME}} references.
 *
 * <p>A host hands these to {@link MfaWatch.Builder#settings(SettingsSources)}; the builder turns
 * them into each provider's {@link dev.mfawatch.spi.Settings} once it knows the instance names,
 * which is what maps {@code MFAWATCH_MONITOR_PROD_IAM_ROLE_ARN} to instance {@code prod-iam}.
 * Immutable. {@link #toString()} shows counts, never values.
 *
 * @since 0.2
 */
public final class SettingsSources {

    /** The properties file looked for on the class path when {@code mfawatch.config} is not set. */
    public static final String RESOURCE = "mfa-watch.properties";

    private final Map<String, String> file;
    private final Map<String, String> environment;
    private final Map<String, String> systemProperties;

    private SettingsSources(Map<String, String> file, Map<String, String> environment, Map<String, String> systemProperties) {
        this.file = Map.copyOf(Objects.requireNonNull(file, "file"));
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.systemProperties = Map.copyOf(Objects.requireNonNull(systemProperties, "systemProperties"));
    }

    /**
     * Settings from one map of full keys, with no environment.
     *
     * @param values full keys (e.g. {@code mfawatch.monitor.gh.token}) to values, never {@code null}
     * @return the sources
     */
    public static SettingsSources of(Map<String, String> values) {
        return new SettingsSources(values, Map.of(), Map.of());
    }

    /**
     * Settings from the three sources.
     *
     * @param file             entries of the properties file, never {@code null}
     * @param environment      the environment variables, never {@code null}
     * @param systemProperties the system properties, never {@code null}
     * @return the sources
     */
    public static SettingsSources of(Map<String, String> file, Map<String, String> environment,
                                     Map<String, String> systemProperties) {
        return new SettingsSources(file, environment, systemProperties);
    }

    /**
     * The file named by {@code mfawatch.config} (system property or {@code MFAWATCH_CONFIG}), else
     * {@value #RESOURCE} on the class path if there is one, with this process's environment and
     * system properties.
     *
     * @param loader the class loader to look for the resource in, never {@code null}
     * @return the sources
     * @throws ConfigurationException if a named file cannot be read
     */
    public static SettingsSources fromDefaultPlaces(ClassLoader loader) {
        Map<String, String> env = System.getenv();
        Map<String, String> sys = new HashMap<>();
        System.getProperties().forEach((k, v) -> sys.put(String.valueOf(k), String.valueOf(v)));
        String named = sys.getOrDefault("mfawatch.config", env.get("MFAWATCH_CONFIG"));
        Map<String, String> file = named != null && !named.isBlank()
                ? readProperties(Path.of(named.strip()), "mfawatch.config")
                : readResource(loader);
        return new SettingsSources(file, env, sys);
    }

    /**
     * Reads a properties file as UTF-8.
     *
     * @param path the file, never {@code null}
     * @param what the setting or option that named it, for the message, e.g. {@code --config}
     * @return its entries
     * @throws ConfigurationException if it is missing, a directory or unreadable
     */
    public static Map<String, String> readProperties(Path path, String what) {
        if (Files.isDirectory(path)) {
            throw new ConfigurationException(what, what + "=" + path + " is a directory, not a properties file");
        }
        if (!Files.isRegularFile(path)) {
            throw new ConfigurationException(what, what + "=" + path + ": no such file");
        }
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return toMap(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException(what, what + "=" + path + " cannot be read: " + e.getMessage());
        }
    }

    Map<String, String> file() {
        return file;
    }

    Map<String, String> environment() {
        return environment;
    }

    Map<String, String> systemProperties() {
        return systemProperties;
    }

    private static Map<String, String> readResource(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            return in == null ? Map.of() : toMap(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException("mfawatch.config", RESOURCE + " on the class path cannot be read: " + e.getMessage());
        }
    }

    private static Map<String, String> toMap(Reader reader) throws IOException {
        Properties p = new Properties();
        p.load(reader);
        Map<String, String> out = new HashMap<>();
        p.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    @Override
    public String toString() {
        return "SettingsSources[file=" + file.size() + " entries, environment=" + environment.size()
                + " variables, systemProperties=" + systemProperties.size() + "]";
    }
}
