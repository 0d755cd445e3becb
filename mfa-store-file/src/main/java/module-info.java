/**
 * The default snapshot store ({@code mfawatch.store.type=file}): one JSON file per monitor instance
 * plus one for pending deliveries, written atomically and durably, in a locked directory.
 *
 * @provides dev.mfawatch.spi.SnapshotStoreProvider
 */
module dev.mfawatch.store.file {
    requires dev.mfawatch.core;
    requires com.fasterxml.jackson.core;
    requires static org.jspecify;

    // The store's JSON, shared with the PostgreSQL and S3 stores so all keep one format; no public API.
    exports dev.mfawatch.store.file.codec to dev.mfawatch.store.jdbc, dev.mfawatch.store.s3;

    provides dev.mfawatch.spi.SnapshotStoreProvider with dev.mfawatch.store.file.FileSnapshotStoreProvider;
}
