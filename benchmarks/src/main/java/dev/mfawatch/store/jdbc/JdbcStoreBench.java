package dev.mfawatch.store.jdbc;

import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.SnapshotStore;

/**
 * The PostgreSQL store over a real server the benchmark starts (Debian's PostgreSQL, as the tests
 * start it), for {@code JdbcStoreBenchmark}. In the store's package to reach the test server.
 */
public final class JdbcStoreBench implements AutoCloseable {

    private final SnapshotStore store;
    private final SnapshotStore.WriterLease lease;

    /** Starts (or reuses) the server and opens a store with its lease in a fresh schema. */
    public JdbcStoreBench() {
        store = new JdbcSnapshotStore(PostgresServer.require().database());
        lease = store.lease();
    }

    /**
     * One save and one load, as a run does.
     *
     * @param s the snapshot
     * @return the snapshot loaded back
     */
    public Snapshot saveAndLoad(Snapshot s) {
        store.save(s);
        return store.load(s.monitor(), s.scope()).orElseThrow();
    }

    @Override
    public void close() {
        lease.close();
        store.close();
    }
}
