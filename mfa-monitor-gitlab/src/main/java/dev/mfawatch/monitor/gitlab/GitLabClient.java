package dev.mfawatch.monitor.gitlab;

import dev.mfawatch.spi.BoundedHttp;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connection to one GitLab, kept across scans; each scan brings its clock, sleeper and deadline. */
final class GitLabClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GitLabClient.class);

    private final GitLabSettings settings;
    private final HttpClient http;
    private volatile Clock clock = Clock.systemUTC();
    private volatile Sleeper sleeper = Sleeper.system();
    private volatile Instant deadline = Instant.MAX;
    private @Nullable BoundedHttp exchange;
    private @Nullable GitLabApi api;

    GitLabClient(GitLabSettings settings) {
        this.settings = settings;
        // No redirects: BoundedHttp follows them itself, within GitLab's origin.
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.requestTimeout().compareTo(Duration.ofSeconds(10)) < 0 ? settings.requestTimeout() : Duration.ofSeconds(10))
                .build();
    }

    synchronized GitLabApi start(ScanContext context) {
        deadline = context.deadline();
        sleeper = context.sleeper();
        if (api == null || !clock.equals(context.clock())) {
            clock = context.clock();
            exchange = new BoundedHttp("GitLab", http, settings.base(), settings.requestTimeout(), GitLabApi.MAX_BYTES, clock, () -> deadline);
            api = new GitLabApi(settings.base(), settings.token(), exchange, clock, () -> deadline, () -> sleeper);
        }
        exchange.resetCount();
        return api;
    }

    synchronized int requests() {
        return exchange == null ? 0 : exchange.count();
    }

    void note(String what) {
        LOG.debug("GitLab scan: {}, {} requests", what, requests());
    }

    @Override
    public void close() {
        api = null;
    }

    @Override
    public String toString() {
        return "GitLabClient[" + settings.base() + "]";
    }
}
