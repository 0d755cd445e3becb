package dev.mfawatch.core.internal;

import dev.mfawatch.core.ConfigurationException;
import dev.mfawatch.spi.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Reads settings from the default places: a properties file, the environment, system properties. */
public final class DefaultSettings {

    /** The properties file looked for on the class path when {@code mfawatch.config} is not set. */
    public static final String RESOURCE = "mfa-watch.properties";

    private DefaultSettings() {
    }

    /**
     * Settings from the file named by {@code mfawatch.config} (system property or {@code MFAWATCH_CONFIG}),
     * else {@value #RESOURCE} on the class path if there is one, overridden by the environment and
     * then by system properties.
     *
     * @param loader the class loader to look for the resource in
     * @return the settings
     * @throws ConfigurationException if a named file cannot be read
     */
    public static Settings load(ClassLoader loader) {
        Map<String, String> env = System.getenv();
        Map<String, String> sys = new HashMap<>();
        System.getProperties().forEach((k, v) -> sys.put(String.valueOf(k), String.valueOf(v)));
        String named = sys.getOrDefault("mfawatch.config", env.get("MFAWATCH_CONFIG"));
        Map<String, String> file;
        if (named != null && !named.isBlank()) {
            file = readFile(Path.of(named.strip()), "mfawatch.config");
        } else {
            file = readResource(loader);
        }
        return Settings.fromSources(file, env, sys);
    }

    /**
     * Reads a properties file as UTF-8.
     *
     * @param path the file
     * @param key  the setting or argument that named it, for the message
     * @return its entries
     * @throws ConfigurationException if it is missing or unreadable
     */
    public static Map<String, String> readFile(Path path, String key) {
        if (Files.isDirectory(path)) {
            throw new ConfigurationException(key, key + "=" + path + " is a directory, not a properties file");
        }
        if (!Files.isRegularFile(path)) {
            throw new ConfigurationException(key, key + "=" + path + ": no such file");
        }
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return toMap(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException(key, key + "=" + path + " cannot be read: " + e.getMessage());
        }
    }

    private static Map<String, String> readResource(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Map.of();
            }
            return toMap(new InputStreamReader(in, StandardCharsets.UTF_8));
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
}
