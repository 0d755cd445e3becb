package dev.mfawatch.store.s3;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

class DeclarationTest extends ProviderDeclarationContract {

    DeclarationTest() {
        super(S3SnapshotStoreProvider.class, "dev.mfawatch.store.s3", Map.of("store", Set.of("s3")));
    }
}
