package dev.mfawatch.store.s3;

import dev.mfawatch.model.SnapshotStoreException;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SnapshotStore;
import dev.mfawatch.spi.contract.Fixtures;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The child process of {@link CanaryLoggingTest}: one run's writes to a loopback S3, every logger on. */
public final class CanaryStore {

    static final String SESSION_TOKEN = "session-CANARY-token-IQoJb3JpZ2luX2Vj";

    private CanaryStore() {
    }

    public static void main(String[] args) {
        boolean session = args.length > 0 && args[0].equals("session");
        try (FakeS3 s3 = new FakeS3("mfa-state")) {
            S3SnapshotStoreProvider provider = new S3SnapshotStoreProvider(profile -> StaticCredentialsProvider.create(session
                    ? AwsSessionCredentials.create(FakeS3.ACCESS_KEY, FakeS3.SECRET_KEY, SESSION_TOKEN)
                    : AwsBasicCredentials.create(FakeS3.ACCESS_KEY, FakeS3.SECRET_KEY)), Clock.systemUTC());
            try (SnapshotStore store = provider.create(Settings.of("mfawatch.store.s3", Map.of("bucket", "mfa-state",
                    "region", "eu-west-1", "endpoint", s3.baseUri().toString())))) {
                try (SnapshotStore.WriterLease lease = store.lease()) {
                    store.save(Fixtures.richSnapshot("gh", Fixtures.T0));
                }
                System.out.println("saved " + store.load("gh").orElseThrow().accounts().size());
            } catch (SnapshotStoreException e) {
                System.out.println("store failed: " + e.getMessage());
            }
        }
    }
}
