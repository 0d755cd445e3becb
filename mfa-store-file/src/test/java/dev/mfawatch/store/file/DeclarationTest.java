package dev.mfawatch.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.lang.module.ModuleDescriptor;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeclarationTest extends ProviderDeclarationContract {

    DeclarationTest() {
        super(FileSnapshotStoreProvider.class, "dev.mfawatch.store.file", Map.of("store", Set.of("file")));
    }

    /** The codec is shared with the PostgreSQL and S3 stores, and with nobody else. */
    @Override
    protected boolean exportsNothing() {
        return false;
    }

    @Test
    void theCodecIsExportedToTheOtherStoresOnly() throws Exception {
        java.nio.file.Path main = java.nio.file.Path.of(FileSnapshotStoreProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor d = java.lang.module.ModuleFinder.of(main).findAll().iterator().next().descriptor();
        assertThat(d.exports()).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("dev.mfawatch.store.file.codec");
            assertThat(e.targets()).containsExactlyInAnyOrder("dev.mfawatch.store.jdbc", "dev.mfawatch.store.s3");
        });
    }
}
