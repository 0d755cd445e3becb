/**
 * The default snapshot store ({@code mfawatch.store.type=file}): one JSON file per monitor instance
 * plus one for pending deliveries, written atomically and durably, in a locked directory.
 *
 * @provides dev.mfawatch.spi.SnapshotStoreProvider
 * @provides dev.mfawatch.spi.ExemptionLoader
 */
module dev.mfawatch.store.file {
    requires dev.mfawatch.core;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires static org.jspecify;

    provides dev.mfawatch.spi.SnapshotStoreProvider with dev.mfawatch.store.file.FileSnapshotStoreProvider;
    provides dev.mfawatch.spi.ExemptionLoader with dev.mfawatch.store.file.ExemptionFileLoader;
}
