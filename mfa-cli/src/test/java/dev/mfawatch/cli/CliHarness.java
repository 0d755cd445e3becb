package dev.mfawatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the real command in this process with captured streams and a settings file in a temp dir. */
final class CliHarness {

    /** What one invocation printed and returned. */
    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    final Path dir;
    final Map<String, String> env = new HashMap<>();
    final Map<String, String> systemProperties = new HashMap<>();
    Cli last;

    CliHarness(Path dir) {
        this.dir = dir;
    }

    Path config(String... lines) {
        try {
            Path file = dir.resolve("mfa-watch.properties");
            String store = "mfawatch.store.file.directory=" + dir.resolve("store").toString().replace("\\", "/") + "\n";
            Files.writeString(file, store + String.join("\n", lines) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        last = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env, systemProperties, dir);
        int code = Main.execute(last, args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
