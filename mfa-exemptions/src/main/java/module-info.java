/**
 * Reads the exemptions file ({@code mfawatch.exemptions.file}) in JSON or YAML.
 *
 * @provides dev.mfawatch.spi.ExemptionLoader
 */
module dev.mfawatch.exemptions {
    requires dev.mfawatch.core;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires static org.jspecify;

    provides dev.mfawatch.spi.ExemptionLoader with dev.mfawatch.exemptions.ExemptionFileLoader;
}
