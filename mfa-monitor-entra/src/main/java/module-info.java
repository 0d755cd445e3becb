/**
 * The Microsoft Entra ID monitor ({@code type=entra}): every user's MFA registration, weak methods,
 * administrators marked critical, security defaults and the Conditional Access policies that require
 * MFA, and a directory-audit refresh between full scans.
 *
 * @provides dev.mfawatch.spi.MonitorProvider
 */
module dev.mfawatch.monitor.entra {
    requires dev.mfawatch.core;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires org.slf4j;
    requires com.microsoft.aad.msal4j;
    requires static org.jspecify;

    provides dev.mfawatch.spi.MonitorProvider with dev.mfawatch.monitor.entra.EntraMonitorProvider;
}
