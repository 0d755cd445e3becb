package com.example.hrportal;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SpiVersion;

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
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Monitor create(Settings settings) {
        return new HrPortalMonitor(settings.getPath("export"));
    }
}
