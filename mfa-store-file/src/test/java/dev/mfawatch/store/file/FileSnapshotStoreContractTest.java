package dev.mfawatch.store.file;

import dev.mfawatch.model.Snapshot;
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
    protected SnapshotStore secondView(SnapshotStore store) {
        return FileSnapshotStore.open(((FileSnapshotStore) store).directory());
    }

    @Override
    protected void placeA01Snapshot(SnapshotStore store, Snapshot snapshot) {
        // What 0.1's codec wrote: no scope field, the monitor's name in the file name.
        StringBuilder json = new StringBuilder("{\"schemaVersion\":1,\"monitor\":\"" + snapshot.monitor() + "\",\"takenAt\":\""
                + snapshot.takenAt() + "\",\"cursor\":\"\",\"settings\":[],\"accounts\":[");
        for (int i = 0; i < snapshot.accounts().size(); i++) {
            dev.mfawatch.model.Account a = snapshot.accounts().get(i);
            json.append(i == 0 ? "\n" : ",\n").append("{\"id\":\"").append(a.id().value()).append("\",\"name\":\"")
                    .append(a.name()).append("\",\"state\":\"").append(a.state()).append("\"}");
        }
        json.append("]}\n");
        try {
            Files.writeString(((FileSnapshotStore) store).directory().resolve("snapshot-" + snapshot.monitor() + ".json"), json);
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
