package dev.mfawatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code mfa-watch.jar} as a user runs it: a separate JVM, real exit codes, real signals. */
class CliJarIT {

    private static final Path JAR = Path.of(System.getProperty("mfawatch.jar", "target/mfa-watch.jar"));
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    /** A finished process: exit code and both streams. */
    record Done(int code, String out, String err) {
    }

    private ProcessBuilder java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("MFAWATCH_") || k.startsWith("AWS_"));
        return pb;
    }

    private Done run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private Done run(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = java(args);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = read(p.getInputStream());
        String err = read(p.getErrorStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Done(p.exitValue(), out, err);
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private Path config() throws IOException {
        Path report = dir.resolve("report.csv");
        try (InputStream in = CliJarIT.class.getResourceAsStream("/dev/mfawatch/cli/demo/before.csv")) {
            Files.copy(in, report);
        }
        return Files.writeString(dir.resolve("mfa-watch.properties"), String.join("\n",
                "mfawatch.monitors=prod",
                "mfawatch.monitor.prod.type=aws-credential-report-file",
                "mfawatch.monitor.prod.path=" + report,
                "mfawatch.notifiers=audit",
                "mfawatch.notifier.audit.type=log",
                "mfawatch.store.file.directory=" + dir.resolve("store")) + "\n");
    }

    @Test
    void theDemoRunsFromTheJar() throws Exception {
        Done d = run("demo");
        assertThat(d.code()).isZero();
        assertThat(d.out()).contains("1. Baseline (before.csv): 7 accounts, 2 can sign in without MFA",
                "CRITICAL  MFA_DISABLED", "fatima.r");
        assertThat(d.err()).isEmpty();
    }

    @Test
    void runPrintsJsonOnStdoutLogsOnStderrAndSetsExitCodes() throws Exception {
        config();
        Done first = run("run", "--format", "json");
        assertThat(first.code()).isZero();
        JsonNode report = json.readTree(first.out());
        assertThat(report.path("monitors").path(0).path("type").asText()).isEqualTo("aws-credential-report-file");
        assertThat(report.path("changes")).extracting(c -> c.path("account").path("name").asText())
                .containsExactly("chen.wei", "dora.m");
        assertThat(first.err()).contains("[WARN] [HIGH] prod: ADDED_WITHOUT_MFA chen.wei");
        assertThat(run("run", "--fail-on", "findings").code()).isEqualTo(3);
        assertThat(run("run", "--fail-on", "changes").code()).isZero();
        // The packaged jar writes the HTML report, with the rule of the AWS monitor.
        Done html = run("report", "--format", "html", "--output", "coverage.html");
        assertThat(html.code()).as(html.err()).isZero();
        assertThat(Files.readString(dir.resolve("coverage.html"))).contains("<td class=\"num coverage\">", "chen.wei", "data-monitor=\"prod\"")
                .contains("ADDED_WITHOUT_MFA").doesNotContain("<script");
    }

    @Test
    void aForeignMfawatchVariableDrawsOneWarningButATypoUnderAnInstanceIsAnError() throws Exception {
        config();
        Done foreign = run(Map.of("MFAWATCH_HOME", "/opt/mfa-watch", "MFAWATCH_MONITOR_UNDECLARED_TOKEN", "x"), "config", "check");
        assertThat(foreign.code()).as(foreign.err()).isZero();
        assertThat(foreign.out()).contains("prod");
        assertThat(foreign.err().lines().filter(l -> l.contains("MFAWATCH_HOME"))).singleElement().asString()
                .contains("[WARN]", "not a setting of mfa-watch and is ignored");
        assertThat(foreign.err()).contains("MFAWATCH_MONITOR_UNDECLARED_TOKEN").doesNotContain("/opt/mfa-watch");

        Done typo = run(Map.of("MFAWATCH_MONITOR_PROD_PTAH", "/tmp/x"), "run");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("MFAWATCH_MONITOR_PROD_PTAH is not a setting of monitor prod");
    }

    @Test
    void aConfigurationErrorIsOneLineAndExitsTwo() throws Exception {
        Files.writeString(dir.resolve("mfa-watch.properties"), "mfawatch.monitors=prod\nmfawatch.monitor.prod.type=aws-iam\n"
                + "mfawatch.monitor.prod.region=atlantis\n");
        Done d = run("run");
        assertThat(d.code()).isEqualTo(2);
        assertThat(d.err().strip()).isEqualTo("mfa-watch: mfawatch.monitor.prod.region=atlantis is not an AWS region (e.g. us-east-1)");
        assertThat(d.out()).isEmpty();
    }

    @Test
    void everyStopsCleanlyOnSigterm() throws Exception {
        config();
        Process p = java("run", "--every", "1s", "--format", "json", "--quiet").start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            lines.add(out.readLine());
            lines.add(out.readLine());
            p.toHandle().destroy(); // SIGTERM, leaving our end of the pipes open to read the rest
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String rest;
            while ((rest = out.readLine()) != null) {
                lines.add(rest);
            }
        }
        assertThat(p.exitValue()).as("a clean stop after runs that all completed").isZero();
        assertThat(lines).allSatisfy(l -> assertThat(json.readTree(l).path("monitors").path(0).path("status").asText()).isEqualTo("ok"));
        assertThat(dir.resolve("store/snapshot-prod.json")).exists();
        assertThat(run("run").code()).as("the store's lock was released").isZero();
    }

    @Test
    void afterSigtermTheExitCodeIsTheHighestOfTheRunsMade() throws Exception {
        config();
        // The first run's baseline holds two HIGH changes (--fail-on changes: 3); the runs after it find none (0).
        Process p = java("run", "--every", "1s", "--format", "json", "--quiet", "--fail-on", "changes").start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(json.readTree(out.readLine()).path("changes")).hasSize(2);
            assertThat(json.readTree(out.readLine()).path("changes")).isEmpty();
            p.toHandle().destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            while (out.readLine() != null) {
                // drain
            }
        }
        assertThat(p.exitValue()).as("the condition held in a run before the last").isEqualTo(3);
    }

    @Test
    void theRepositoryScriptRunsTheJar() throws Exception {
        Path script = Path.of("..", "mfa-watch").toAbsolutePath().normalize();
        Process p = new ProcessBuilder("sh", script.toString(), "--version").start();
        String out = read(p.getInputStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out).startsWith("mfa-watch 0.1.0-SNAPSHOT");
    }
}
