/**
 * The GitLab monitor ({@code type=gitlab}): every human user of a self-managed instance (with an
 * administrator's token) or every member of a group, with two-factor authentication on or off,
 * administrators and owners critical, and the "2FA required" settings.
 *
 * @provides dev.mfawatch.spi.MonitorProvider
 */
module dev.mfawatch.monitor.gitlab {
    requires dev.mfawatch.core;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires org.slf4j;
    requires static org.jspecify;

    provides dev.mfawatch.spi.MonitorProvider with dev.mfawatch.monitor.gitlab.GitLabMonitorProvider;
}
