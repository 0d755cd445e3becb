package dev.mfawatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** github-api's java.util.logging lines go through SLF4J, so --quiet silences their INFO like any other. */
class JulRoutingTest {

    private static String stderrOf(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JulProbe.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return err;
    }

    @Test
    void quietKeepsOnlyTheWarningInTheCommandsFormat() throws Exception {
        String err = stderrOf("--quiet");
        assertThat(err).contains("[WARN]").contains("probe-warning").doesNotContain("probe-info");
        // Not the JDK console handler's two-line form ("WARNING: probe-warning").
        assertThat(err).doesNotContain("WARNING: probe-warning");
    }

    @Test
    void withoutQuietInfoLinesShowInTheCommandsFormat() throws Exception {
        String err = stderrOf();
        assertThat(err).contains("[INFO]").contains("probe-info").doesNotContain("INFO: probe-info");
    }
}
