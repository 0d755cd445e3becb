package dev.mfawatch.monitor.gitlab;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.Secret;
import dev.mfawatch.spi.Settings;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one {@code gitlab} monitor instance.
 *
 * @param base           the API base, ending in {@code /api/v4}, no trailing slash
 * @param token          a personal, group or project access token with {@code read_api}
 * @param group          the group's full path, or {@code null} for every user of the instance
 * @param requestTimeout the time limit of one request
 */
record GitLabSettings(URI base, Secret token, @Nullable String group, Duration requestTimeout) {

    static final URI GITLAB_COM = URI.create("https://gitlab.com/api/v4");

    static GitLabSettings read(Settings s) {
        URI base = s.getBaseUrl("endpoint", GITLAB_COM, "/api/v4", "https://gitlab.example.com/api/v4");
        String group = s.findString("group").map(String::strip).map(g -> g.replaceAll("^/+|/+$", "")).filter(g -> !g.isEmpty())
                .orElse(null);
        if (group != null && !group.matches("[A-Za-z0-9_.][A-Za-z0-9_.\\-]*(/[A-Za-z0-9_.][A-Za-z0-9_.\\-]*)*")) {
            s.reject("group", "is not a group's full path, such as acme or acme/platform");
        }
        return new GitLabSettings(base, s.getSecret("token"), group,
                s.getDuration("request-timeout", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(10)));
    }

    static Duration defaultTimeout() {
        return Monitor.DEFAULT_TIMEOUT.multipliedBy(5);
    }
}
