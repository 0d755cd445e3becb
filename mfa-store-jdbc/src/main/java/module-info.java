/**
 * The PostgreSQL snapshot store ({@code mfawatch.store.type=jdbc}): snapshots, deliveries and
 * history in tables it creates and migrates, one writer at a time by an advisory lock.
 *
 * @provides dev.mfawatch.spi.SnapshotStoreProvider
 */
module dev.mfawatch.store.jdbc {
    requires dev.mfawatch.core;
    requires dev.mfawatch.store.file;
    requires java.sql;
    requires org.postgresql.jdbc;
    requires static org.jspecify;

    provides dev.mfawatch.spi.SnapshotStoreProvider with dev.mfawatch.store.jdbc.JdbcSnapshotStoreProvider;
}
