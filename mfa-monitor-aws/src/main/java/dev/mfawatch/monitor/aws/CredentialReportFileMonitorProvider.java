package dev.mfawatch.monitor.aws;

import dev.mfawatch.core.ConfigurationException;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.Settings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * {@code type=aws-credential-report-file}. Keys: {@code path} (required): a credential report CSV.
 */
public final class CredentialReportFileMonitorProvider implements MonitorProvider {

    /** Creates the provider; does no work. */
    public CredentialReportFileMonitorProvider() {
    }

    @Override
    public String type() {
        return "aws-credential-report-file";
    }

    @Override
    public Monitor create(Settings settings) {
        String path = settings.require("path");
        try {
            return new CredentialReportFileMonitor(Path.of(path), settings.fullKey("path"));
        } catch (InvalidPathException e) {
            throw new ConfigurationException(settings.fullKey("path"), settings.fullKey("path") + "=" + path
                    + " is not a valid path: " + e.getReason());
        }
    }
}
