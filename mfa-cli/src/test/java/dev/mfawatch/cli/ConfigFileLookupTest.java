package dev.mfawatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which properties file the command reads, and what it says when it read none. */
class ConfigFileLookupTest {

    @TempDir
    Path work;
    @TempDir
    Path elsewhere;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(work);
    }

    private Path file(String name, String monitor) throws IOException {
        Path f = elsewhere.resolve(name);
        Files.writeString(f, "mfawatch.store.file.directory=" + elsewhere.resolve("store").toString().replace("\\", "/") + "\n"
                + "mfawatch.monitors=" + monitor + "\nmfawatch.monitor." + monitor + ".type=scripted\n"
                + "mfawatch.monitor." + monitor + ".accounts=alice:ENABLED\n");
        return f;
    }

    @Test
    void theEnvironmentVariableNamesTheFile() throws IOException {
        cli.env.put("MFAWATCH_CONFIG", file("from-env.properties", "fromenv").toString());
        CliHarness.Result r = cli.run("config", "check");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("fromenv");
    }

    @Test
    void theSystemPropertyWinsOverTheVariableAndTheOptionOverBoth() throws IOException {
        cli.env.put("MFAWATCH_CONFIG", file("from-env.properties", "fromenv").toString());
        cli.systemProperties.put("mfawatch.config", file("from-property.properties", "fromproperty").toString());
        CliHarness.Result r = cli.run("config", "check");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("fromproperty").doesNotContain("fromenv");

        Path option = file("from-option.properties", "fromoption");
        r = cli.run("config", "check", "--config", option.toString());
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("fromoption").doesNotContain("fromproperty").doesNotContain("fromenv");
    }

    @Test
    void whenNoFileWasReadTheErrorSaysSoAndWhereItLooked() {
        CliHarness.Result r = cli.run("run");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("mfawatch.monitors lists no monitor")
                .contains("no configuration file was read: none was named by --config, -Dmfawatch.config or MFAWATCH_CONFIG, "
                        + "and there is no mfa-watch.properties in " + work);
    }

    @Test
    void aNamedFileThatIsMissingIsNamedInTheError() {
        Path missing = elsewhere.resolve("nope.properties");
        cli.env.put("MFAWATCH_CONFIG", missing.toString());
        CliHarness.Result r = cli.run("run");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("MFAWATCH_CONFIG=" + missing + ": no such file").doesNotContain("no configuration file was read");
        cli.env.clear();
        cli.systemProperties.put("mfawatch.config", missing.toString());
        assertThat(cli.run("run").err()).contains("-Dmfawatch.config=" + missing + ": no such file");
    }
}
