package dev.mfawatch.store.s3;

import dev.mfawatch.spi.SnapshotStore;
import dev.mfawatch.spi.contract.SnapshotStoreContract;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;

/**
 * The store kit against the loopback S3, through the real SDK client, each test under a prefix of
 * its own. The fake refuses every unconditional PutObject, as the README's bucket policy does: the
 * whole kit passing proves the store never writes without a condition.
 */
class S3SnapshotStoreContractTest extends SnapshotStoreContract {

    private static final FakeS3 S3 = new FakeS3("mfa-state");

    static {
        S3.requireConditionalPuts();
        S3.pageSize(2); // every listing crosses pages
    }

    private final String prefix = "kit-" + UUID.randomUUID() + "/";

    @AfterAll
    static void stop() {
        S3.close();
    }

    @Override
    protected SnapshotStore subject() {
        return S3TestStores.open(S3, prefix, Clock.systemUTC());
    }

    @Override
    protected SnapshotStore reopen(SnapshotStore store) {
        store.close();
        return subject();
    }

    @Override
    protected SnapshotStore secondView(SnapshotStore store) {
        return subject();
    }
}
