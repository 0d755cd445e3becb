package dev.mfawatch.store.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for the tests, from Debian's package: a fresh cluster in a temporary
 * directory on a loopback port, started once per test JVM and stopped when it ends. As root, the
 * server runs as the {@code postgres} user (it refuses root) through {@code runuser}. Without an
 * installed server the tests fail when {@code CI=true}, and are skipped with a message otherwise, so
 * the test command still passes on a laptop.
 */
final class PostgresServer {

    private static PostgresServer running;

    private final Path dir;
    private final Path bin;
    private final int port;
    private final List<String> asPostgres;

    private PostgresServer(Path bin) throws IOException, InterruptedException {
        this.bin = bin;
        this.dir = Files.createTempDirectory("mfa-watch-pg");
        boolean root = "0".equals(output("id", "-u").strip());
        this.asPostgres = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
        if (root) {
            exec(List.of("chown", "-R", "postgres:postgres", dir.toString()));
        }
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        exec(cmd(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                "--no-sync"));
        exec(cmd(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(), "-w",
                "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start"));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    }

    /** The server, started on first use; skips or fails the calling test where there is none. */
    static synchronized PostgresServer require() {
        Path bin = installed();
        if (bin == null) {
            String why = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): install Debian's postgresql package";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + "; CI=true, so the store tests may not be skipped");
            }
            System.err.println("SKIPPED: the PostgreSQL store tests. " + why);
            Assumptions.abort(why);
        }
        if (running == null) {
            try {
                running = new PostgresServer(bin);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return running;
    }

    private static Path installed() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** A database of the store's own for one test (a fresh schema): what the test store is made over. */
    Database database() {
        return new Database(url(), "postgres", null, "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16),
                java.time.Duration.ofSeconds(30));
    }

    private List<String> cmd(String... args) {
        List<String> c = new ArrayList<>(asPostgres);
        c.addAll(List.of(args));
        return c;
    }

    private void stop() {
        try {
            exec(cmd(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
        } catch (IOException | InterruptedException | IllegalStateException e) {
            // the JVM is ending; the directory goes below either way
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the system cleans it
        }
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
