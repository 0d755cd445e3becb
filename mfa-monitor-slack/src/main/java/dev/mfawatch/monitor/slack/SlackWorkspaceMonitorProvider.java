package dev.mfawatch.monitor.slack;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.Secret;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SpiVersion;
import dev.mfawatch.spi.WireLoggers;
import java.net.URI;
import java.time.Duration;

/**
 * {@code type=slack-workspace}: every member of a Slack workspace with two-factor authentication.
 * Keys: {@code token} (an admin's or owner's user token, {@code xoxp-}; secret, required),
 * {@code endpoint} (default {@code https://slack.com/api}), {@code page-pause} (3s),
 * {@code request-timeout} (30s), {@code timeout} (2 minutes).
 */
public final class SlackWorkspaceMonitorProvider implements MonitorProvider {

    static final URI SLACK = URI.create("https://slack.com/api");

    /** Creates the provider; does no work. */
    public SlackWorkspaceMonitorProvider() {
    }

    @Override
    public String type() {
        return "slack-workspace";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    /** 5,000 members are 5 pages at Tier 2's pace (a page every 3 s) and a few Retry-After waits. */
    @Override
    public Duration defaultTimeout() {
        return Duration.ofMinutes(2);
    }

    @Override
    public Monitor create(Settings settings) {
        WireLoggers.quiet();
        Secret token = settings.getSecret("token");
        String t = token.reveal();
        if (t.startsWith("xoxb-")) {
            settings.reject("token", "is a bot token (xoxb-): Slack shows has_2fa only to a workspace admin's or owner's user token "
                    + "(xoxp-) with users:read");
        } else if (t.startsWith("xapp-") || t.startsWith("xoxa-") || t.startsWith("xoxr-")) {
            settings.reject("token", "is not a user token: use a workspace admin's or owner's user token (xoxp-) with users:read");
        }
        URI base = settings.getBaseUrl("endpoint", SLACK, "/api", SLACK.toString());
        Duration pause = settings.getDuration("page-pause", Duration.ofSeconds(3), Duration.ZERO, Duration.ofMinutes(1));
        Duration requestTimeout = settings.getDuration("request-timeout", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(10));
        return new SlackWorkspaceMonitor(base, token, pause, requestTimeout);
    }
}
