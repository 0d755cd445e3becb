package dev.mfawatch.benchmarks;

import dev.mfawatch.model.Snapshot;
import dev.mfawatch.store.jdbc.JdbcStoreBench;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * One save and one load of a snapshot of N accounts in the PostgreSQL store, on a real local
 * PostgreSQL 15 server (the tests' throw-away cluster), a transaction per save, in a 1 GB heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class JdbcStoreBenchmark {

    @Param({"10000", "100000", "1000000"})
    public int accounts;

    private JdbcStoreBench store;
    private Snapshot snapshot;

    @Setup(Level.Trial)
    public void setUp() {
        store = new JdbcStoreBench();
        snapshot = Accounts.snapshot(accounts, 1, Instant.parse("2026-01-01T00:00:00Z"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
    }

    @Benchmark
    public Snapshot saveAndLoad() {
        return store.saveAndLoad(snapshot);
    }
}
