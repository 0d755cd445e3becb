package dev.mfawatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command says when it is called without a command, or wrongly. */
class UsageErrorTest {

    @TempDir
    Path dir;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(dir);
    }

    @Test
    void withoutArgumentsItListsEveryCommand() {
        CliHarness.Result r = cli.run();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Commands:").containsPattern("(?m)^  run ").containsPattern("(?m)^  report ")
                .containsPattern("(?m)^  deliveries ").containsPattern("(?m)^  config ").containsPattern("(?m)^  demo ");
    }

    @Test
    void aMistypedCommandIsOneLineWithTheNearestCommandAndAHint() {
        CliHarness.Result r = cli.run("rnu");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).containsExactly(
                "mfa-watch: unknown command 'rnu' for 'mfa-watch' (its commands: help, run, demo, report, history, providers, deliveries, config)",
                "Did you mean: run?",
                "Try 'mfa-watch --help' for more information.");
        assertThat(cli.run("repotr").err()).contains("Did you mean: report?");
        assertThat(cli.run("config", "chekc").err()).contains("unknown command 'chekc' for 'mfa-watch config'",
                "Did you mean: check?", "Try 'mfa-watch config --help'");
        assertThat(cli.run("zzzzzz").err()).doesNotContain("Did you mean");
    }

    @Test
    void anUnknownCommandWithHelpIsStillAnError() {
        for (String[] args : new String[][] {{"rnu", "--help"}, {"--help", "rnu"}, {"config", "chek", "-h"}}) {
            CliHarness.Result r = cli.run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
            assertThat(r.out()).as("no help on standard output").isEmpty();
            assertThat(r.err()).contains("unknown command");
        }
        assertThat(cli.run("run", "--help").code()).isZero();
    }

    @Test
    void aBadOptionIsOneLinePlusAHintNotTheWholeUsage() {
        CliHarness.Result r = cli.run("run", "--format", "xml");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines().toList()).hasSize(2).last().isEqualTo("Try 'mfa-watch run --help' for more information.");
        assertThat(r.err()).contains("'--format'", "'xml'").doesNotContain("Usage:");
        assertThat(cli.run("run", "--formt", "json").err()).contains("Did you mean: --format?");
    }

    @Test
    void nearestAllowsSmallTyposOnly() {
        assertThat(Nearest.distance("rnu", "run")).isEqualTo(1);
        assertThat(Nearest.distance("reprot", "report")).isEqualTo(1);
        assertThat(Nearest.distance("", "run")).isEqualTo(3);
        assertThat(Nearest.among(java.util.List.of("run", "report"), "ru")).containsExactly("run");
        assertThat(Nearest.among(java.util.List.of("run", "report"), "x")).isEmpty();
        assertThat(Nearest.among(java.util.List.of("run", "demo"), "dmeo")).containsExactly("demo");
    }
}
