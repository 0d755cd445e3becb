package dev.mfawatch.cli;

import dev.mfawatch.core.MfaWatch;
import dev.mfawatch.core.MonitorOutcome;
import dev.mfawatch.core.RunReport;
import dev.mfawatch.model.Severity;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code mfa-watch run}: every configured monitor once, or every DURATION until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run every configured monitor once (or every DURATION), print the changes and a summary.")
final class RunCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { table, json, prtg, prometheus }

    /** Output formats of the commands that print no run. */
    enum PlainFormat { table, json }

    /** What makes the exit code 3. */
    enum FailOn { none, changes, findings }

    private final Cli cli;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json|prtg|prometheus",
            description = "table for people, json for scripts (one object per run; JSON Lines with --every), "
                    + "prtg (EXE/Script Advanced XML), prometheus (text exposition format).")
    Format format;

    @Option(names = "--fail-on", defaultValue = "none", paramLabel = "none|changes|findings",
            description = "Exit 3 when: changes = any HIGH or CRITICAL change; findings = any account without MFA now.")
    FailOn failOn;

    @Option(names = "--every", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Run again every DURATION (e.g. 15m) until SIGTERM or Ctrl-C; the current run finishes and saves first.")
    @Nullable Duration every;

    RunCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws InterruptedException {
        common.apply(cli);
        RunOutput output = new RunOutput();
        try (MfaWatch watch = MfaWatch.builder().settings(cli.settings(common.config)).build()) {
            if (every == null) {
                return runOnce(watch, output);
            }
            CountDownLatch done = new CountDownLatch(1);
            int[] code = {ExitCodes.OK};
            Thread hook = stopOnSignal(done, code);
            try {
                do {
                    // The highest code of the runs made: a supervisor that sees the exit code only after
                    // SIGTERM must still learn that a --fail-on condition held, or that a run failed.
                    code[0] = Math.max(code[0], runOnce(watch, output));
                } while (!cli.stop.await(every.toMillis(), TimeUnit.MILLISECONDS));
            } finally {
                watch.close();
                done.countDown();
                removeHook(hook);
            }
            return code[0];
        }
    }

    private int runOnce(MfaWatch watch, RunOutput output) {
        cli.progress("mfa-watch: running " + watch.monitorNames().size() + " monitor(s)…");
        RunReport report = watch.run();
        cli.out.print(switch (format) {
            case json -> output.json(report) + "\n";
            case prtg -> MonitoringOutput.prtg(report);
            case prometheus -> MonitoringOutput.prometheus(report);
            case table -> output.table(report);
        });
        cli.out.flush();
        return exitCode(report);
    }

    int exitCode(RunReport report) {
        boolean holds = switch (failOn) {
            case none -> false;
            case changes -> !report.changesAtLeast(Severity.HIGH).isEmpty();
            case findings -> report.monitors().stream().mapToInt(MonitorOutcome::withoutMfa).sum() > 0;
        };
        if (holds) {
            return ExitCodes.FAIL_ON;
        }
        return report.failed() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private Thread stopOnSignal(CountDownLatch done, int[] code) {
        // SIGTERM and Ctrl-C run shutdown hooks: ask the loop to stop, wait until its run is saved and
        // the store released, then end with the runs' exit code rather than the signal's.
        Thread hook = new Thread(() -> {
            cli.stop.countDown();
            try {
                if (done.await(10, TimeUnit.MINUTES)) {
                    cli.out.flush();
                    Runtime.getRuntime().halt(code[0]);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mfa-watch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is running and waits for us.
        }
    }

    /** Reads 90s, 15m, 1h30m or PT1M. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = dev.mfawatch.spi.SettingValues.parseDuration(value).orElseThrow(
                    () -> new CommandLine.TypeConversionException("'" + value + "' is not a duration (try 30s or 15m)"));
            if (d.isZero() || d.compareTo(dev.mfawatch.spi.Settings.LONGEST) > 0) {
                throw new CommandLine.TypeConversionException("--every=" + value + " must be longer than zero and at most "
                        + dev.mfawatch.spi.SettingValues.format(dev.mfawatch.spi.Settings.LONGEST) + " (try 15m)");
            }
            return d;
        }
    }
}
