/**
 * The Slack workspace monitor ({@code type=slack-workspace}): every member of a workspace with
 * two-factor authentication off, by SMS (weak) or by an app, owners and admins critical.
 *
 * @provides dev.mfawatch.spi.MonitorProvider
 */
module dev.mfawatch.monitor.slack {
    requires dev.mfawatch.core;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires org.slf4j;
    requires static org.jspecify;

    provides dev.mfawatch.spi.MonitorProvider with dev.mfawatch.monitor.slack.SlackWorkspaceMonitorProvider;
}
