package dev.mfawatch.cli;

import dev.mfawatch.core.SettingsSources;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * What every command shares: the streams, the environment and system properties (handed in, so
 * tests never touch the real ones), and the signal that ends an {@code --every} loop.
 */
final class Cli {

    /** The properties file read when {@code --config} is not given, if it exists. */
    static final String DEFAULT_CONFIG = "mfa-watch.properties";

    final PrintStream out;
    final PrintStream err;
    final Map<String, String> env;
    final Map<String, String> systemProperties;
    final Path workingDirectory;
    final CountDownLatch stop = new CountDownLatch(1);
    /** The properties file the last {@link #settings} call was given or found, or {@code null} if none. */
    @Nullable Path configFile;
    boolean verbose;
    boolean quiet;

    Cli(PrintStream out, PrintStream err, Map<String, String> env, Map<String, String> systemProperties, Path workingDirectory) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.systemProperties = systemProperties;
        this.workingDirectory = workingDirectory;
    }

    /**
     * Settings from the properties file, the environment and system properties, later ones winning.
     * The file is the first of: {@code --config}, {@code -Dmfawatch.config}, {@code MFAWATCH_CONFIG},
     * {@value #DEFAULT_CONFIG} in the working directory if it exists. A file that is named but missing
     * is an error; {@link #configFile} says which file it was, if any.
     *
     * @param config the file named by {@code --config}, or {@code null}
     */
    SettingsSources settings(@Nullable Path config) {
        Map<String, String> file = Map.of();
        String property = systemProperties.get("mfawatch.config");
        String variable = env.get("MFAWATCH_CONFIG");
        if (config != null) {
            file = read(config, "--config");
        } else if (property != null && !property.isBlank()) {
            file = read(Path.of(property.strip()), "-Dmfawatch.config");
        } else if (variable != null && !variable.isBlank()) {
            file = read(Path.of(variable.strip()), "MFAWATCH_CONFIG");
        } else {
            Path dflt = workingDirectory.resolve(DEFAULT_CONFIG);
            if (Files.exists(dflt)) {
                file = read(dflt, "--config");
            }
        }
        return SettingsSources.of(file, env, systemProperties);
    }

    private Map<String, String> read(Path path, String namedBy) {
        // Set first: when the named file cannot be read, that error names it, and no other note is due.
        configFile = workingDirectory.resolve(path);
        return SettingsSources.readProperties(configFile, namedBy);
    }

    /** Where {@link #settings} looked when it read no file, for an error about a setting. */
    String whereConfigWasLookedFor() {
        return "no configuration file was read: none was named by --config, -Dmfawatch.config or MFAWATCH_CONFIG, and there is no "
                + DEFAULT_CONFIG + " in " + workingDirectory;
    }

    /** A progress line, on a terminal only, unless {@code --quiet}. */
    void progress(String line) {
        if (!quiet && System.console() != null) {
            err.println(line);
        }
    }
}
