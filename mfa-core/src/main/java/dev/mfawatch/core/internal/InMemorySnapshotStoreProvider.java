package dev.mfawatch.core.internal;

import dev.mfawatch.core.InMemorySnapshotStore;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SnapshotStore;
import dev.mfawatch.spi.SnapshotStoreProvider;
import dev.mfawatch.spi.SpiVersion;

/** {@code mfawatch.store.type=memory}: state that lasts as long as the process. No keys. */
public final class InMemorySnapshotStoreProvider implements SnapshotStoreProvider {

    /** Creates the provider; does no work. */
    public InMemorySnapshotStoreProvider() {
    }

    @Override
    public String type() {
        return "memory";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public SnapshotStore create(Settings settings) {
        return new InMemorySnapshotStore();
    }
}
