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
 * Wall time of one scan of an AWS organisation of 200 accounts × 20 IAM users ({@code aws-iam},
 * {@code accounts=organization}) against the loopback organisation with 50 ms added to every call,
 * by parallelism, without the CloudTrail refresh; and at parallelism 8 with it, CloudTrail paced at
 * two calls a second per account and region as AWS limits it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
public class FleetBenchmark {

    @Param({"1", "4", "8", "16"})
    public int parallelism;

    @Param({"none"})
    public String refresh;

    private FleetBench fleet;

    @Setup(Level.Trial)
    public void start() {
        fleet = new FleetBench(200, 20, 50);
    }

    @TearDown(Level.Trial)
    public void stop() {
        fleet.close();
    }

    @Benchmark
    public int scanTheOrganisation() {
        return fleet.scan(parallelism, refresh);
    }
}
