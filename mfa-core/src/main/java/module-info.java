/**
 * mfa-watch core: the value types, the SPI that monitors, notifiers and stores implement, the pure
 * change-detection engine and {@code MfaWatch}.
 *
 * <p>Packages are layered one way: {@code dev.mfawatch.model} (value types and exceptions) is used
 * by {@code dev.mfawatch.spi} (what providers implement), which is used by {@code dev.mfawatch.core}
 * (what hosts call), which is used by {@code dev.mfawatch.core.internal} (the built-in providers,
 * which nothing imports: they are found like any other). A provider needs only the first two.
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
    requires transitive java.net.http;
    requires java.logging;
    requires static transitive org.jspecify;
    requires static transitive org.apiguardian.api;

    exports dev.mfawatch.model;
    exports dev.mfawatch.spi;
    exports dev.mfawatch.core;

    uses dev.mfawatch.spi.MonitorProvider;
    uses dev.mfawatch.spi.NotifierProvider;
    uses dev.mfawatch.spi.SnapshotStoreProvider;
    uses dev.mfawatch.spi.ExemptionLoader;

    provides dev.mfawatch.spi.NotifierProvider with dev.mfawatch.core.internal.LoggingNotifierProvider;
    provides dev.mfawatch.spi.SnapshotStoreProvider with dev.mfawatch.core.internal.InMemorySnapshotStoreProvider;
}
