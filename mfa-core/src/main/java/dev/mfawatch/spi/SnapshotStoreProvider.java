package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Makes the {@link SnapshotStore}. Found by {@link java.util.ServiceLoader}; selected by
 * {@code mfawatch.store.type} (default {@code file}).
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface SnapshotStoreProvider {

    /**
     * The type name that selects this provider: unique, stable, matching {@code [a-z][a-z0-9-]*}.
     *
     * @return the type, e.g. {@code file}
     */
    String type();

    /**
     * Validates the settings and opens the store.
     *
     * @param settings the settings scoped to {@code mfawatch.store.<type>.}
     * @return an open store, which the caller closes
     * @throws dev.mfawatch.model.ConfigurationException if a key is missing or malformed
     * @throws dev.mfawatch.model.SnapshotStoreException if the store cannot be opened (e.g. another run holds it)
     */
    SnapshotStore create(Settings settings);

    /**
     * The SPI version this provider was compiled against: implement it as
     * {@code return SpiVersion.CURRENT;}, which the compiler copies into the provider's class, so
     * the running mfa-watch can tell a provider built for another SPI and refuse it with a clear
     * message instead of failing in the middle of a run.
     *
     * @return the SPI version, e.g. {@code 2.0}
     * @since 0.2
     */
    String spiVersion();
}
