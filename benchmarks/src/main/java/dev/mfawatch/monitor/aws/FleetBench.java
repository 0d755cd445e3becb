package dev.mfawatch.monitor.aws;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.Sleeper;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * An AWS organisation on loopback for the fleet benchmarks: the management account and N - 1
 * members, each with {@code users} IAM users, every call delayed by {@code delayMillis} as a real
 * API's round trip would be. It lives in the monitor's package to reach the test fakes.
 */
public final class FleetBench implements AutoCloseable {

    private final FakeFleet fleet = new FakeFleet();

    /**
     * Builds the organisation.
     *
     * @param accounts    accounts, the management account included
     * @param users       IAM users per account
     * @param delayMillis the delay added to every call
     */
    public FleetBench(int accounts, int users, long delayMillis) {
        for (int a = 1; a < accounts; a++) {
            FakeFleet.Member m = fleet.account(String.format("2%011d", a), "member-" + a);
            for (int u = 0; u < users; u++) {
                m.aws.user("user-" + u, true, u % 10 != 0);
            }
        }
        fleet.delayMillis = delayMillis;
    }

    /**
     * One scan of every account with real pacing (CloudTrail's 2 calls a second per account and region).
     *
     * @param parallelism accounts at once
     * @param refresh     {@code none} or {@code cloudtrail}
     * @return the scopes read; throws if any failed
     */
    public int scan(int parallelism, String refresh) {
        Map<String, String> m = new HashMap<>();
        m.put("endpoint", fleet.endpoint().toString());
        m.put("cloudtrail-endpoint", fleet.endpoint().toString());
        m.put("accounts", "organization");
        m.put("refresh", refresh);
        m.put("parallelism", String.valueOf(parallelism));
        m.put("timeout", "30m");
        try (Monitor monitor = new AwsIamMonitorProvider(AwsTestSupport.STATIC, CloudTrailReader::new)
                .create(Settings.of("mfawatch.monitor.fleet", m))) {
            Instant now = Instant.now();
            ScanResult r = monitor.scan(ScanContext.ofScopes("fleet", Map.of(), Clock.systemUTC(), Sleeper.system(), now.plusSeconds(1800)));
            r.scopes().forEach(s -> {
                if (s.error() != null) {
                    throw new IllegalStateException("scope " + s.scope() + " failed: " + s.error());
                }
            });
            return r.scopes().size();
        }
    }

    @Override
    public void close() {
        fleet.close();
    }
}
