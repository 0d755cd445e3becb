package dev.mfawatch.benchmarks;

import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SnapshotStore;
import dev.mfawatch.store.file.FileSnapshotStoreProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One save and one load of a snapshot of N accounts in the file store, durable writes included
 * (fsync of the file and the directory), in a 512 MB heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
public class FileStoreBenchmark {

    @Param({"10000", "100000", "1000000"})
    int accounts;

    Path dir;
    SnapshotStore store;
    Snapshot snapshot;

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("mfa-watch-bench");
        store = new FileSnapshotStoreProvider().create(Settings.of("mfawatch.store.file", Map.of("directory", dir.toString())));
        snapshot = Accounts.snapshot(accounts, 1, Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Benchmark
    public Snapshot saveAndLoad() {
        store.save(snapshot);
        return store.load("bench").orElseThrow();
    }

    @TearDown
    public void tearDown() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
