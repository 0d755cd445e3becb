package com.example.hrportal;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SpiVersion;
import java.nio.file.Path;

/**
 * {@code type=hr-portal}: the Acme HR portal's users. Keys: {@code export} (required), the portal's
 * user export, one user a line: {@code id;login;mfa} where mfa is {@code totp}, {@code sms} or
 * {@code none}; {@code max-size} (default 10MB), the largest export it reads.
 */
public final class HrPortalMonitorProvider implements MonitorProvider {

    /** Creates the provider; does no work, as ServiceLoader asks. */
    public HrPortalMonitorProvider() {
    }

    @Override
    public String type() {
        return "hr-portal";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Monitor create(Settings settings) {
        Path export = settings.getPath("export");
        if (export.toString().endsWith("/")) {
            settings.reject("export", "names a directory: name the export file itself");
        }
        // Bounds are checked at start-up, with every other setting: 0 or 5TB is a configuration error.
        long maxSize = settings.getSize("max-size", 10L << 20, 1, 1L << 30);
        return new HrPortalMonitor(export, maxSize);
    }
}
