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
     * @throws dev.mfawatch.core.ConfigurationException if a key is missing or malformed
     */
    Monitor create(Settings settings);
}
