/**
 * A custom mfa-watch monitor: the users of the (made-up) Acme HR portal, read from its user export.
 *
 * @provides dev.mfawatch.spi.MonitorProvider
 */
module com.example.hrportal {
    requires dev.mfawatch.core;

    provides dev.mfawatch.spi.MonitorProvider with com.example.hrportal.HrPortalMonitorProvider;
}
