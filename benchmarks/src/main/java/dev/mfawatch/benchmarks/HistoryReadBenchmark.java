package dev.mfawatch.benchmarks;

import dev.mfawatch.spi.HistoryRecord;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SnapshotStore;
import dev.mfawatch.store.file.FileSnapshotStoreProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the HTML report reads before it renders: the history of 20 monitors run every hour for 400
 * days (192,000 records) from the file store: all at once, and one monitor after another.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class HistoryReadBenchmark {

    static final int MONITORS = 20;
    static final int DAYS = 400;

    Path dir;
    SnapshotStore store;
    Instant now = Instant.parse("2026-11-01T00:00:00Z");

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("mfa-watch-bench");
        store = new FileSnapshotStoreProvider().create(Settings.of("mfawatch.store.file", Map.of("directory", dir.toString())));
        try (SnapshotStore.WriterLease lease = store.lease()) {
            for (int h = DAYS * 24; h > 0; h--) {
                List<HistoryRecord> run = new ArrayList<>();
                for (int m = 0; m < MONITORS; m++) {
                    run.add(new HistoryRecord(now.minus(Duration.ofHours(h)), "monitor-" + m, "default", 500, 20, 12, 0, List.of()));
                }
                store.appendHistory(run);
            }
        }
    }

    /** As the HTML report reads it: every monitor at once, each month file once. */
    @Benchmark
    public int readTogether() {
        List<String> names = new ArrayList<>();
        for (int m = 0; m < MONITORS; m++) {
            names.add("monitor-" + m);
        }
        return store.history(names, now.minus(Duration.ofDays(DAYS)), now).size();
    }

    /** One monitor after another, as before {@code history(Collection, …)}. */
    @Benchmark
    public int readOneByOne() {
        int n = 0;
        for (int m = 0; m < MONITORS; m++) {
            n += store.history("monitor-" + m, now.minus(Duration.ofDays(DAYS)), now).size();
        }
        return n;
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
