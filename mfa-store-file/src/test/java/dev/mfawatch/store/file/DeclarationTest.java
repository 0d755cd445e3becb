package dev.mfawatch.store.file;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

class DeclarationTest extends ProviderDeclarationContract {

    DeclarationTest() {
        super(FileSnapshotStoreProvider.class, "dev.mfawatch.store.file", Map.of("store", Set.of("file")));
    }
}
