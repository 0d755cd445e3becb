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
        // These loggers print credentials at DEBUG (a signer's canonical request with the session token,
        // HTTP wire and header dumps): --verbose must never reach them, whatever else it turns on.
        // At INFO, or at WARN with --quiet: a pin below the default level would let their INFO through.
        for (String logger : CREDENTIAL_LOGGERS) {
            System.setProperty("org.slf4j.simpleLogger.log." + logger, quiet ? "warn" : "info");
        }
    }

    /** Loggers of the libraries mfa-watch uses that can print a credential below INFO. */
    static final java.util.List<String> CREDENTIAL_LOGGERS = java.util.List.of(
            "software.amazon.awssdk.http.auth", "software.amazon.awssdk.auth.signer", "software.amazon.awssdk.request",
            "software.amazon.awssdk.http", "org.apache.http", "org.apache.hc", "org.kohsuke.github", "com.squareup.okhttp3");
}
