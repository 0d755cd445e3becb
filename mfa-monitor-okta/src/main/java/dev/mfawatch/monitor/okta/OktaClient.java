package dev.mfawatch.monitor.okta;

import dev.mfawatch.spi.BoundedHttp;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.Sleeper;
import dev.mfawatch.spi.WireLoggers;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The connection to one Okta org, kept across scans (the HTTP client, a service app's token); each
 * scan brings its own clock, sleeper and deadline.
 */
final class OktaClient implements AutoCloseable {

    private final OktaSettings settings;
    private final @Nullable ServiceAppKey key;
    private final HttpClient http;
    private volatile Clock clock = Clock.systemUTC();
    private volatile Sleeper sleeper = Sleeper.system();
    private volatile Instant deadline = Instant.MAX;
    private @Nullable BoundedHttp exchange;
    private @Nullable OktaApi api;

    OktaClient(OktaSettings settings, @Nullable ServiceAppKey key) {
        this.settings = settings;
        this.key = key;
        WireLoggers.quiet();
        // No redirects: BoundedHttp follows them itself, within the org's origin only.
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.requestTimeout().compareTo(Duration.ofSeconds(10)) < 0 ? settings.requestTimeout() : Duration.ofSeconds(10))
                .build();
    }

    /** Gets the client ready for one scan. */
    synchronized OktaApi start(ScanContext context) {
        deadline = context.deadline();
        sleeper = context.sleeper();
        if (api == null || !clock.equals(context.clock())) {
            clock = context.clock();
            exchange = new BoundedHttp("Okta", http, settings.endpoint(), settings.requestTimeout(), OktaApi.MAX_BYTES, clock, () -> deadline);
            OktaAuth auth = settings.serviceApp()
                    ? new ServiceAppAuth(settings.clientId(), key, settings.endpoint(), clock, exchange)
                    : new OktaAuth.ApiToken(settings.token());
            api = new OktaApi(settings.endpoint(), auth, exchange, settings.rateLimitReserve(), clock, () -> deadline, () -> sleeper);
        }
        exchange.resetCount();
        return api;
    }

    /** @return the HTTP requests of the current scan so far */
    synchronized int requests() {
        return exchange == null ? 0 : exchange.count();
    }

    @Override
    public void close() {
        // The JDK client of Java 17 has no close(); dropping it lets its threads end.
        api = null;
    }

    @Override
    public String toString() {
        return "OktaClient[" + settings.endpoint() + "]";
    }
}
