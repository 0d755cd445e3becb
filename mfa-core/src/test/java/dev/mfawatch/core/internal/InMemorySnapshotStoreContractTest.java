package dev.mfawatch.core.internal;

import dev.mfawatch.core.InMemorySnapshotStore;
import dev.mfawatch.spi.SnapshotStore;
import dev.mfawatch.spi.contract.SnapshotStoreContract;

class InMemorySnapshotStoreContractTest extends SnapshotStoreContract {

    @Override
    protected SnapshotStore subject() {
        return new InMemorySnapshotStore();
    }
}
