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
     * @throws dev.mfawatch.model.ConfigurationException if a key is missing or malformed
     */
    Notifier create(Settings settings);

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
