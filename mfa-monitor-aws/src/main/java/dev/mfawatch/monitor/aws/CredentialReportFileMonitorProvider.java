package dev.mfawatch.monitor.aws;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SpiVersion;

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
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Monitor create(Settings settings) {
        return new CredentialReportFileMonitor(settings.getPath("path"), settings.fullKey("path"));
    }
}
