/**
 * The Google Workspace monitor ({@code type=google-workspace}): every user's 2-Step Verification
 * enrolment, super admins marked critical, and a Reports API refresh between full scans.
 *
 * @provides dev.mfawatch.spi.MonitorProvider
 */
module dev.mfawatch.monitor.google {
    requires dev.mfawatch.core;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires java.logging;
    requires org.slf4j;
    requires com.google.auth.oauth2;
    requires com.google.auth;
    requires com.google.api.client;
    requires static org.jspecify;

    provides dev.mfawatch.spi.MonitorProvider with dev.mfawatch.monitor.google.GoogleWorkspaceMonitorProvider;
}
