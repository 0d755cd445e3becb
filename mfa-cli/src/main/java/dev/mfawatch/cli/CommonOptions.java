package dev.mfawatch.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Options every working command takes. */
class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with the settings (default: ./mfa-watch.properties if it exists).")
    @Nullable Path config;

    @Option(names = {"-q", "--quiet"}, description = "Only warnings and errors on stderr.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Debug logging and stack traces on stderr.")
    boolean verbose;

    void apply(Cli cli) {
        cli.quiet = quiet;
        cli.verbose = verbose;
        // slf4j-simple reads its level once, when the first logger is made: set it before any.
        if (quiet || verbose) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", quiet ? "warn" : "debug");
        }
    }
}
