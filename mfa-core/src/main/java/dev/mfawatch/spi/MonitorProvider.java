package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Makes {@link Monitor}s of one type. Found by {@link java.util.ServiceLoader}; used for every
 * instance {@code <name>} in {@code mfawatch.monitors} whose {@code mfawatch.monitor.<name>.type}
 * equals {@link #type()}.
 *
 * <p>Implementations are {@code public final} with a public no-argument constructor that does no
 * work; everything happens in {@link #create}, which runs only for selected types. Register the
 * class in {@code module-info.java} ({@code provides dev.mfawatch.spi.MonitorProvider with …}) and in
 * {@code META-INF/services/dev.mfawatch.spi.MonitorProvider}.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface MonitorProvider {

    /**
     * The type name that selects this provider: unique, stable, matching {@code [a-z][a-z0-9-]*}.
     *
     * @return the type, e.g. {@code github}
     */
    String type();

    /**
     * Validates the settings and makes a monitor. Must not call the network.
     *
     * @param settings the settings scoped to the instance ({@code token} means
     *                 {@code mfawatch.monitor.<name>.token}); every key the monitor supports must be read here
     * @return a ready monitor
     * @throws dev.mfawatch.model.ConfigurationException if a key is missing or malformed
     */
    Monitor create(Settings settings);

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

    /**
     * The time limit of one scan when {@code mfawatch.monitor.<name>.timeout} is not set. A service
     * whose rate limits spread a full scan over minutes at scale (one request per user) says so
     * here, so an unset timeout does not cut every large scan short.
     *
     * @return the default time limit; {@link Monitor#DEFAULT_TIMEOUT} unless overridden
     * @since 0.2
     */
    default java.time.Duration defaultTimeout() {
        return Monitor.DEFAULT_TIMEOUT;
    }
}
