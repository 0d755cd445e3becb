package dev.mfawatch.monitor.github;

import dev.mfawatch.spi.Sleeper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.extras.HttpClientGitHubConnector;

/**
 * The github-api client of one monitor instance, made anew for each scan: the endpoint, the token,
 * a JDK HTTP client with a connect timeout, the organisation tap and the bounded rate-limit waits.
 */
final class GitHubConnection implements AutoCloseable {

    private final GitHubSettings settings;
    private final Sleeper sleeper;
    private final Clock clock;
    private volatile Instant deadline = Instant.MAX;
    private @Nullable HttpClient http;
    private @Nullable GitHub gitHub;
    private @Nullable OrganizationTap tap;

    GitHubConnection(GitHubSettings settings, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    void deadline(Instant value) {
        this.deadline = value;
    }

    /**
     * A fresh github-api client for one scan: github-api caches the organisation per client, and
     * every scan must read the organisation's setting anew.
     */
    synchronized GitHub gitHub(String organization) throws IOException {
        if (http == null) {
            Duration connect = settings.timeout().compareTo(Duration.ofSeconds(10)) < 0 ? settings.timeout() : Duration.ofSeconds(10);
            dev.mfawatch.spi.WireLoggers.quiet();
            // No redirect is followed by the client: it would carry the token to any origin a redirect names.
            http = HttpClient.newBuilder().connectTimeout(connect).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        tap = new OrganizationTap(new SameOriginRedirects(new HttpClientGitHubConnector(http), settings.endpoint()),
                settings.endpoint().getPath(), organization);
        LimitWait limits = new LimitWait(settings.rateLimitWait(), () -> deadline, clock, sleeper);
        gitHub = new GitHubBuilder()
                .withEndpoint(settings.endpoint().toString())
                // A plain provider, not withOAuthToken: github-api would first ask /user who the token is.
                .withAuthorizationProvider(() -> "token " + settings.token().reveal())
                .withConnector(tap)
                .withRateLimitHandler(limits.primary())
                .withAbuseLimitHandler(limits.secondary())
                .build();
        return gitHub;
    }

    synchronized OrganizationTap tap() {
        if (tap == null) {
            throw new IllegalStateException("not connected yet");
        }
        return tap;
    }

    @Override
    public synchronized void close() {
        http = null;
        gitHub = null;
        tap = null;
    }
}
