package dev.mfawatch.monitor.github;

import dev.mfawatch.spi.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * What to do when GitHub says "slow down": wait as long as it asks (Retry-After, else until
 * x-ratelimit-reset, else a minute for a secondary limit, as GitHub's docs advise) if that fits the
 * allowed wait and the scan's deadline, then let github-api retry; otherwise fail at once with a
 * message that says when the limit resets. github-api's own handlers would wait up to an hour.
 */
final class LimitWait {

    /** The wait did not fit: the scan fails with this message. */
    static final class RateLimited extends IOException {
        private static final long serialVersionUID = 1L;

        RateLimited(String message) {
            super(message);
        }
    }

    private final Duration maxWait;
    private final Supplier<Instant> deadline;
    private final Clock clock;
    private final Sleeper sleeper;

    LimitWait(Duration maxWait, Supplier<Instant> deadline, Clock clock, Sleeper sleeper) {
        this.maxWait = maxWait;
        this.deadline = deadline;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    GitHubRateLimitHandler primary() {
        return new GitHubRateLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
                handle(response, "primary rate limit");
            }
        };
    }

    GitHubAbuseLimitHandler secondary() {
        return new GitHubAbuseLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
                handle(response, "secondary rate limit");
            }
        };
    }

    void handle(GitHubConnectorResponse response, String which) throws IOException {
        Instant now = clock.instant();
        Duration wait = waitTime(response, now);
        boolean fits = wait.compareTo(maxWait) <= 0 && now.plus(wait).isBefore(deadline.get());
        if (!fits) {
            throw new RateLimited("GitHub's " + which + " is exhausted (HTTP " + response.statusCode() + "); it lifts in "
                    + wait.toSeconds() + "s, longer than this scan may wait (rate-limit-wait " + maxWait.toSeconds()
                    + "s, or the monitor's timeout); the next run tries again");
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RateLimited("interrupted while waiting for GitHub's rate limit to lift");
        }
    }

    static Duration waitTime(GitHubConnectorResponse response, Instant now) {
        Long retryAfter = number(response.header("Retry-After"));
        if (retryAfter != null) {
            return Duration.ofSeconds(Math.max(0, retryAfter));
        }
        Long reset = number(response.header("x-ratelimit-reset"));
        if ("0".equals(response.header("x-ratelimit-remaining")) && reset != null) {
            long seconds = reset - now.getEpochSecond();
            return Duration.ofSeconds(Math.max(0, seconds) + 1);
        }
        return Duration.ofMinutes(1);
    }

    private static @Nullable Long number(@Nullable String s) {
        if (s == null) {
            return null;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
