package dev.mfawatch.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.model.ConfigurationException;
import dev.mfawatch.spi.Settings;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each setting is checked before any request, and a wrong one is named with what to write. */
class S3SettingsTest {

    private static void refused(String key, String value, String message) {
        Map<String, String> values = new HashMap<>(Map.of("bucket", "acme-mfa-watch", "region", "eu-west-1"));
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
        assertThatThrownBy(() -> S3TestStores.provider(Clock.systemUTC()).create(Settings.of("mfawatch.store.s3", values)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("mfawatch.store.s3." + key).hasMessageContaining(message);
    }

    @Test
    void wrongSettingsAreNamed() {
        refused("bucket", null, "mfawatch.store.s3.bucket");
        refused("bucket", "Acme_State", "is not an S3 bucket name");
        refused("bucket", "a..b", "is not an S3 bucket name");
        refused("region", "Europe", "is not an AWS region");
        refused("prefix", "/state", "must not start with /");
        refused("sse", "none", "none");
        refused("kms-key-id", "alias/x", "only with sse=aws:kms");
        refused("endpoint", "http://s3.example.com", "https");
        refused("endpoint", "https://s3.example.com/bucket", "origin");
        refused("lease-ttl", "10s", "lease-ttl");
        refused("max-object-size", "10KB", "max-object-size");
    }

    @Test
    void aPrefixWithoutItsSlashGetsOneAndTheStoreSaysWhereItIsWithoutACredential() {
        try (S3SnapshotStore store = (S3SnapshotStore) S3TestStores.provider(Clock.systemUTC()).create(Settings.of("mfawatch.store.s3",
                Map.of("bucket", "acme-mfa-watch", "region", "eu-west-1", "prefix", "security/state")))) {
            assertThat(store.leaseKey()).isEqualTo("security/state/lease.json");
            assertThat(store.toString()).isEqualTo("S3SnapshotStore[s3://acme-mfa-watch/security/state/]")
                    .doesNotContain(FakeS3.ACCESS_KEY, FakeS3.SECRET_KEY);
        }
    }
}
