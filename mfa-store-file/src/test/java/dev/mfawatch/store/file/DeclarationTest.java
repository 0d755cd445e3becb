package dev.mfawatch.store.file;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

class DeclarationTest extends ProviderDeclarationContract {

    @Override
    protected Class<?> anyClassOfTheModule() {
        return FileSnapshotStoreProvider.class;
    }

    @Override
    protected String moduleName() {
        return "dev.mfawatch.store.file";
    }

    @Override
    protected Map<String, Set<String>> types() {
        return Map.of("store", Set.of("file"));
    }
}
