package dev.mfawatch.store.file;

import dev.mfawatch.spi.SnapshotStore;
import dev.mfawatch.spi.contract.SnapshotStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileSnapshotStoreContractTest extends SnapshotStoreContract {

    @TempDir
    Path root;

    @Override
    protected SnapshotStore subject() {
        try {
            return FileSnapshotStore.open(Files.createTempDirectory(root, "store"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected SnapshotStore reopen(SnapshotStore store) {
        // A new instance on the same directory reads only what reached the files.
        Path dir = ((FileSnapshotStore) store).directory();
        store.close();
        return FileSnapshotStore.open(dir);
    }
}
