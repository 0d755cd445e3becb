package dev.mfawatch.store.s3;

import dev.mfawatch.spi.Settings;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Opens S3 stores on a {@link FakeS3}, as the provider does, with the fake's credentials. */
final class S3TestStores {

    private S3TestStores() {
    }

    static S3SnapshotStore open(FakeS3 s3, String prefix, Clock clock, String... more) {
        Map<String, String> values = new HashMap<>();
        values.put("bucket", "mfa-state");
        values.put("prefix", prefix);
        values.put("region", "eu-west-1");
        values.put("endpoint", s3.baseUri().toString());
        values.put("timeout", "5s");
        for (int i = 0; i + 1 < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return (S3SnapshotStore) provider(clock).create(Settings.of("mfawatch.store.s3", values));
    }

    static S3SnapshotStoreProvider provider(Clock clock) {
        return new S3SnapshotStoreProvider(profile -> StaticCredentialsProvider.create(
                AwsBasicCredentials.create(FakeS3.ACCESS_KEY, FakeS3.SECRET_KEY)), clock);
    }
}
