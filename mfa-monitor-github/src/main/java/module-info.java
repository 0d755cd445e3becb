/**
 * The GitHub monitor ({@code type=github}): organisation members and outside collaborators with
 * two-factor authentication off or insecure, and the organisation's "2FA required" setting.
 *
 * @provides dev.mfawatch.spi.MonitorProvider
 */
module dev.mfawatch.monitor.github {
    requires dev.mfawatch.core;
    requires org.kohsuke.github.api;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires org.slf4j;
    requires static org.jspecify;

    provides dev.mfawatch.spi.MonitorProvider with dev.mfawatch.monitor.github.GitHubMonitorProvider;
}
