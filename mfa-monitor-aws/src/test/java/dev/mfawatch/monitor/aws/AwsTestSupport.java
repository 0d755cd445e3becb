package dev.mfawatch.monitor.aws;

import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.contract.Fixtures;
import dev.mfawatch.spi.contract.TestClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Settings and credentials for monitors pointed at a {@link FakeAws}. */
final class AwsTestSupport {

    /** A secret the tests look for in every message and string. */
    static final String SECRET = "secret-CANARY-wJalrXUtnFEMI";
    static final AwsClients.CredentialsSource STATIC =
            profile -> StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", SECRET));
    static final Instant NOW = Instant.parse("2026-01-05T08:00:00Z");

    private AwsTestSupport() {
    }

    /** A reader that keeps CloudTrail's pacing in its books but does not really wait. */
    static CloudTrailReader unpacedReader() {
        TestClock clock = new TestClock(NOW);
        return new CloudTrailReader(clock, clock.sleeper(new java.util.ArrayList<>()));
    }

    static AwsIamMonitorProvider iamProvider() {
        return new AwsIamMonitorProvider(STATIC, AwsTestSupport::unpacedReader);
    }

    static Settings settings(FakeAws aws, String... keyValues) {
        Map<String, String> m = new HashMap<>();
        m.put("mfawatch.monitor.aws.endpoint", aws.endpoint().toString());
        m.put("mfawatch.monitor.aws.cloudtrail-endpoint", aws.endpoint().toString());
        m.put("mfawatch.monitor.aws.timeout", "20s");
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put("mfawatch.monitor.aws." + keyValues[i], keyValues[i + 1]);
        }
        return Fixtures.settings("mfawatch.monitor.aws", m);
    }

    static ScanContext context(Instant now, dev.mfawatch.model.Snapshot previous) {
        return ScanContext.of("aws", previous, Clock.fixed(now, ZoneOffset.UTC), now.plusSeconds(20));
    }
}
