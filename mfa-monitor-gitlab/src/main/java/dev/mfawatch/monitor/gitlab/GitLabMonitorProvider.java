package dev.mfawatch.monitor.gitlab;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SpiVersion;
import dev.mfawatch.spi.WireLoggers;
import java.time.Duration;

/**
 * {@code type=gitlab}: every user of a self-managed GitLab, or every member of a group, with
 * two-factor authentication on or off. Keys: {@code endpoint} (the API base, default
 * {@code https://gitlab.com/api/v4}), {@code token} (secret, required), {@code group} (a full path;
 * unset: the whole instance), {@code request-timeout} (30s), {@code timeout} (5 minutes).
 */
public final class GitLabMonitorProvider implements MonitorProvider {

    /** Creates the provider; does no work. */
    public GitLabMonitorProvider() {
    }

    @Override
    public String type() {
        return "gitlab";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    /** 5,000 users are 50 pages; GitLab.com's authenticated limit is far above that, self-managed ones vary. */
    @Override
    public Duration defaultTimeout() {
        return GitLabSettings.defaultTimeout();
    }

    @Override
    public Monitor create(Settings settings) {
        WireLoggers.quiet();
        GitLabSettings gitlab = GitLabSettings.read(settings);
        return new GitLabMonitor(gitlab, new GitLabClient(gitlab));
    }
}
