package com.example.hrportal;

import dev.mfawatch.core.ConfigurationException;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.Settings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * {@code type=hr-portal}: the Acme HR portal's users. Keys: {@code export} (required), the portal's
 * user export, one user a line: {@code id;login;mfa} where mfa is {@code totp}, {@code sms} or
 * {@code none}.
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
    public Monitor create(Settings settings) {
        String export = settings.require("export");
        try {
            return new HrPortalMonitor(Path.of(export));
        } catch (InvalidPathException e) {
            throw new ConfigurationException(settings.fullKey("export"), settings.fullKey("export") + "=" + export
                    + " is not a path");
        }
    }
}
