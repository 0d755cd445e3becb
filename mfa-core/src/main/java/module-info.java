/**
 * mfa-watch core: the value types, the pure change-detection engine, {@code MfaWatch} and the SPI
 * that monitors, notifiers and stores implement.
 *
 * <p>Providers are found with {@link java.util.ServiceLoader}; the built-in in-memory store
 * ({@code type=memory}) and logging notifier ({@code type=log}) are ordinary providers.
 *
 * @uses dev.mfawatch.spi.MonitorProvider
 * @uses dev.mfawatch.spi.NotifierProvider
 * @uses dev.mfawatch.spi.SnapshotStoreProvider
 * @uses dev.mfawatch.spi.ExemptionLoader
 * @provides dev.mfawatch.spi.NotifierProvider
 * @provides dev.mfawatch.spi.SnapshotStoreProvider
 */
module dev.mfawatch.core {
    requires org.slf4j;
    requires static transitive org.jspecify;
    requires static transitive org.apiguardian.api;

    exports dev.mfawatch.core;
    exports dev.mfawatch.spi;

    uses dev.mfawatch.spi.MonitorProvider;
    uses dev.mfawatch.spi.NotifierProvider;
    uses dev.mfawatch.spi.SnapshotStoreProvider;
    uses dev.mfawatch.spi.ExemptionLoader;

    provides dev.mfawatch.spi.NotifierProvider with dev.mfawatch.core.internal.LoggingNotifierProvider;
    provides dev.mfawatch.spi.SnapshotStoreProvider with dev.mfawatch.core.internal.InMemorySnapshotStoreProvider;
}
