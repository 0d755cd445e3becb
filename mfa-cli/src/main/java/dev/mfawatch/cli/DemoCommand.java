package dev.mfawatch.cli;

import dev.mfawatch.core.MfaWatch;
import dev.mfawatch.core.MonitorOutcome;
import dev.mfawatch.core.RunReport;
import dev.mfawatch.model.Change;
import dev.mfawatch.spi.PlainText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mfa-watch demo}: offline, no credentials, nothing to configure. Two bundled AWS credential
 * reports stand for two scans of an account: a baseline, then a day later.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Show what mfa-watch does, offline: a baseline scan of a sample AWS account, then the next scan.")
final class DemoCommand implements Callable<Integer> {

    private final Cli cli;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json",
            description = "table for people, json for the two run reports as JSON Lines.")
    RunCommand.PlainFormat format;

    DemoCommand(Cli cli) {
        this.cli = cli;
    }

    @Option(names = {"-v", "--verbose"}, description = "Show the run's log lines on stderr.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        if (!verbose) {
            // The demo's story is on stdout; the run's own INFO lines would only repeat it.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Path dir = Files.createTempDirectory("mfa-watch-demo");
        try {
            Path report = dir.resolve("credential-report.csv");
            Map<String, String> settings = Map.of(
                    "mfawatch.monitors", "aws-demo",
                    "mfawatch.monitor.aws-demo.type", "aws-credential-report-file",
                    "mfawatch.monitor.aws-demo.path", report.toString(),
                    "mfawatch.store.type", "file",
                    "mfawatch.store.file.directory", dir.resolve("store").toString());
            RunOutput output = new RunOutput();
            boolean json = format == RunCommand.PlainFormat.json;
            if (!json) {
                cli.out.println("mfa-watch demo: offline, no credentials. Two saved AWS credential reports stand for two");
                cli.out.println("scans of one account; the state lives in a temporary file store.");
                cli.out.println();
            }
            copy("before.csv", report);
            RunReport baseline = MfaWatch.builder().settings(settings).runOnce();
            copy("after.csv", report);
            RunReport next = MfaWatch.builder().settings(settings).runOnce();
            if (json) {
                cli.out.println(output.json(baseline));
                cli.out.println(output.json(next));
                return baseline.failed() || next.failed() ? ExitCodes.FAILED : ExitCodes.OK;
            }
            MonitorOutcome first = baseline.monitors().get(0);
            cli.out.println("1. Baseline (before.csv): " + first.accounts() + " accounts, " + first.withoutMfa()
                    + " can sign in without MFA. mfawatch.baseline=report names each once:");
            cli.out.print(output.table(baseline));
            cli.out.println();
            cli.out.println("2. The next scan (after.csv) is compared with the stored baseline:");
            cli.out.print(output.table(next));
            cli.out.println();
            cli.out.println("3. What an alert says (the log notifier's line for each change; Slack gets the same facts):");
            for (Change c : next.changes()) {
                cli.out.println("  " + PlainText.printable(c.summary()));
            }
            cli.out.println();
            cli.out.println("Try it on your own account: mfa-watch run --config mfa-watch.properties (see README, \"AWS\").");
            return baseline.failed() || next.failed() ? ExitCodes.FAILED : ExitCodes.OK;
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void copy(String name, Path to) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo/" + name)) {
            if (in == null) {
                throw new IOException("the demo report " + name + " is missing from the jar (rebuild it)");
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
