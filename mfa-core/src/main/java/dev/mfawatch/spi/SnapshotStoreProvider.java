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
     * @throws dev.mfawatch.core.ConfigurationException if a key is missing or malformed
     * @throws dev.mfawatch.core.SnapshotStoreException if the store cannot be opened (e.g. another run holds it)
     */
    SnapshotStore create(Settings settings);
}
