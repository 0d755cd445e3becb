package dev.mfawatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Run in a child JVM by {@link JulRoutingTest}: sets the command's log options, then logs as github-api does. */
final class JulProbe {

    private JulProbe() {
    }

    public static void main(String[] args) {
        CommonOptions options = new CommonOptions();
        options.quiet = args.length > 0 && args[0].equals("--quiet");
        options.apply(new Cli(new PrintStream(System.out), System.err, Map.of(), Map.of(), Path.of("")));
        Main.routeJavaUtilLogging();
        Logger github = Logger.getLogger("org.kohsuke.github.GitHubClient");
        github.info("probe-info");
        github.warning("probe-warning");
    }
}
