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
     *
     * @param config the file named by {@code --config}, or {@code null} for {@value #DEFAULT_CONFIG} if present
     */
    SettingsSources settings(@Nullable Path config) {
        Map<String, String> file = Map.of();
        if (config != null) {
            file = SettingsSources.readProperties(workingDirectory.resolve(config), "--config");
        } else {
            Path dflt = workingDirectory.resolve(DEFAULT_CONFIG);
            if (Files.exists(dflt)) {
                file = SettingsSources.readProperties(dflt, "--config");
            }
        }
        return SettingsSources.of(file, env, systemProperties);
    }

    /** A progress line, on a terminal only, unless {@code --quiet}. */
    void progress(String line) {
        if (!quiet && System.console() != null) {
            err.println(line);
        }
    }
}
