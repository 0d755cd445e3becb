package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mfawatch.model.Exemption;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Reads the file named by {@code mfawatch.exemptions.file}. Found by {@link java.util.ServiceLoader};
 * mfa-store-file provides one for JSON and YAML.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ExemptionLoader {

    /**
     * Whether this loader reads such a file (by its name's ending).
     *
     * @param file the file
     * @return {@code true} if it does
     */
    boolean reads(Path file);

    /**
     * Reads the exemptions.
     *
     * @param file the file
     * @return the exemptions, in file order
     * @throws dev.mfawatch.model.ConfigurationException if the file is missing or an entry is malformed;
     *                                                  the message names the file and the entry
     */
    List<Exemption> load(Path file);

    /**
     * The SPI version this loader was compiled against: {@code return SpiVersion.CURRENT;}, as for
     * the provider interfaces.
     *
     * @return the SPI version
     * @since 0.2
     */
    String spiVersion();
}
