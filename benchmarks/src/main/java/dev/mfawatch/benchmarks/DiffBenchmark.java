package dev.mfawatch.benchmarks;

import dev.mfawatch.core.ChangeDetector;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/** {@link ChangeDetector#diff} of two snapshots of N accounts, about 1% of them changed. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class DiffBenchmark {

    @Param({"10000", "100000", "1000000"})
    int accounts;

    Snapshot before;
    Snapshot now;

    @Setup
    public void setUp() {
        before = Accounts.snapshot(accounts, 1, Instant.parse("2026-01-01T00:00:00Z"));
        now = Accounts.changed(before, 2);
    }

    @Benchmark
    public List<Change> diff() {
        return ChangeDetector.diff(before, now);
    }
}
