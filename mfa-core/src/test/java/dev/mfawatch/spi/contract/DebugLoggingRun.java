package dev.mfawatch.spi.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class's {@code main} in a child JVM with every logger on: SLF4J at TRACE and
 * java.util.logging (which github-api and the JDK use) at ALL, and returns everything it printed. A
 * provider's canary test runs a scan or a delivery this way and checks that no credential appears.
 */
public final class DebugLoggingRun {

    private DebugLoggingRun() {
    }

    /**
     * Runs {@code main} with the test class path and full logging.
     *
     * @param main          the class whose {@code main} to run
     * @param extraJvmArgs  more JVM arguments, e.g. {@code -D} settings
     * @param args          its arguments
     * @return standard output and standard error, merged
     */
    public static String run(Class<?> main, List<String> extraJvmArgs, String... args) {
        try {
            Path jul = Files.createTempFile("mfa-watch-jul", ".properties");
            Files.writeString(jul, "handlers=java.util.logging.ConsoleHandler\n.level=ALL\njava.util.logging.ConsoleHandler.level=ALL\n");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace", "-Djava.util.logging.config.file=" + jul,
                    "-Dsun.net.httpserver.nodelay=true"));
            command.addAll(extraJvmArgs);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the child JVM did not finish: " + output);
            }
            Files.deleteIfExists(jul);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
