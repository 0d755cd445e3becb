package dev.mfawatch.store.file;

import dev.mfawatch.model.SnapshotStoreException;
import java.nio.file.Path;

/** A child process of {@link StoreHardeningTest}: tries to take a store's writer lease and says whether it could. */
public final class LockProbe {

    private LockProbe() {
    }

    public static void main(String[] args) {
        FileSnapshotStore store = FileSnapshotStore.open(Path.of(args[0]));
        try {
            store.lease().close();
            System.out.println("free");
        } catch (SnapshotStoreException e) {
            System.out.println("held");
        } finally {
            store.close();
        }
    }
}
