package dev.mfawatch.store.jdbc;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

class DeclarationTest extends ProviderDeclarationContract {

    DeclarationTest() {
        super(JdbcSnapshotStoreProvider.class, "dev.mfawatch.store.jdbc", Map.of("store", Set.of("jdbc")));
    }
}
