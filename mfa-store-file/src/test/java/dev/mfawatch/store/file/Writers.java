package dev.mfawatch.store.file;

import java.nio.file.Path;

/** Opens a file store holding its writer lease, as a run has it; closing the store gives the lease back. */
final class Writers {

    private Writers() {
    }

    static FileSnapshotStore open(Path dir) {
        FileSnapshotStore store = FileSnapshotStore.open(dir);
        store.lease();
        return store;
    }
}
