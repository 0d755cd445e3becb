package dev.mfawatch.benchmarks;

import dev.mfawatch.monitor.aws.FleetBench;
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
 * The organisation scan of {@link FleetBenchmark} at parallelism 8 with {@code refresh=cloudtrail}
 * (six LookupEvents per account, paced per account), and with 1,000 users per account (200,000 IAM
 * users in all, the fake's included) without it, both within a 512 MB heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
public class FleetRefreshBenchmark {

    @Param({"cloudtrail:20", "none:1000"})
    public String refreshAndUsers;

    private FleetBench fleet;

    @Setup(Level.Trial)
    public void start() {
        fleet = new FleetBench(200, Integer.parseInt(refreshAndUsers.split(":")[1]), 50);
    }

    @TearDown(Level.Trial)
    public void stop() {
        fleet.close();
    }

    @Benchmark
    public int scanTheOrganisation() {
        return fleet.scan(8, refreshAndUsers.split(":")[0]);
    }
}
