package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Makes {@link Notifier}s of one type. Found by {@link java.util.ServiceLoader}; used for every
 * instance {@code <name>} in {@code mfawatch.notifiers} whose {@code mfawatch.notifier.<name>.type}
 * equals {@link #type()}.
 *
 * <p>Implementations are {@code public final} with a public no-argument constructor that does no
 * work; everything happens in {@link #create}.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface NotifierProvider {

    /**
     * The type name that selects this provider: unique, stable, matching {@code [a-z][a-z0-9-]*}.
     *
     * @return the type, e.g. {@code slack}
     */
    String type();

    /**
     * Validates the settings and makes a notifier. Must not call the network.
     *
     * @param settings the settings scoped to the instance ({@code webhook-url} means
     *                 {@code mfawatch.notifier.<name>.webhook-url})
     * @return a ready notifier
     * @throws dev.mfawatch.core.ConfigurationException if a key is missing or malformed
     */
    Notifier create(Settings settings);
}
