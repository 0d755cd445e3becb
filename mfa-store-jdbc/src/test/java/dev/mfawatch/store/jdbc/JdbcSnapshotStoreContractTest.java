package dev.mfawatch.store.jdbc;

import dev.mfawatch.spi.SnapshotStore;
import dev.mfawatch.spi.contract.SnapshotStoreContract;

/** The store kit against a real PostgreSQL server, each test in a schema of its own. */
class JdbcSnapshotStoreContractTest extends SnapshotStoreContract {

    private final Database database = PostgresServer.require().database();

    @Override
    protected SnapshotStore subject() {
        return new JdbcSnapshotStore(database);
    }

    @Override
    protected SnapshotStore secondView(SnapshotStore store) {
        return new JdbcSnapshotStore(database);
    }
}
