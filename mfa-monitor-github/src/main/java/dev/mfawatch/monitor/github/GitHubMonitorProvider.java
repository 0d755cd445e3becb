package dev.mfawatch.monitor.github;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.Sleeper;
import dev.mfawatch.spi.SpiVersion;
import java.time.Clock;

/**
 * {@code type=github}. Keys: {@code organization} (required), {@code token} (required, secret),
 * {@code endpoint} (default https://api.github.com; GitHub Enterprise Server: https://HOST/api/v3),
 * {@code include} (members, outside-collaborators; default both), {@code rate-limit-wait} (default
 * 60s), {@code timeout}.
 */
public final class GitHubMonitorProvider implements MonitorProvider {

    private final Sleeper sleeper;

    /** Creates the provider; does no work. */
    public GitHubMonitorProvider() {
        this(Sleeper.system());
    }

    GitHubMonitorProvider(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @Override
    public String type() {
        return "github";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Monitor create(Settings settings) {
        GitHubSettings s = GitHubSettings.read(settings);
        return new GitHubMonitor(s, new GitHubConnection(s, Clock.systemUTC(), sleeper));
    }
}
