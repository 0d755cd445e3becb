package dev.mfawatch.monitor.entra;

import com.microsoft.aad.msal4j.IClientCredential;
import dev.mfawatch.spi.BoundedHttp;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The connection to one tenant, kept across scans (the HTTP client, msal4j's token cache); each
 * scan brings its own clock, sleeper and deadline.
 */
final class EntraClient implements AutoCloseable {

    private final EntraSettings settings;
    private final HttpClient http;
    private final EntraToken token;
    private volatile Clock clock = Clock.systemUTC();
    private volatile Sleeper sleeper = Sleeper.system();
    private volatile Instant deadline = Instant.MAX;
    private volatile @Nullable BoundedHttp graph;
    private volatile @Nullable BoundedHttp login;
    private @Nullable GraphApi api;

    EntraClient(EntraSettings settings, IClientCredential credential, Supplier<HttpClient.Builder> clients) {
        this.settings = settings;
        // No redirects: BoundedHttp follows them itself, within one origin.
        this.http = clients.get().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.requestTimeout().compareTo(Duration.ofSeconds(10)) < 0 ? settings.requestTimeout() : Duration.ofSeconds(10))
                .build();
        this.token = new EntraToken(settings, credential, () -> login);
    }

    /** Gets the client ready for one scan. */
    synchronized GraphApi start(ScanContext context) {
        deadline = context.deadline();
        sleeper = context.sleeper();
        if (api == null || !clock.equals(context.clock())) {
            clock = context.clock();
            graph = new BoundedHttp("Graph", http, settings.endpoint(), settings.requestTimeout(), GraphApi.MAX_BYTES, clock, () -> deadline);
            login = new BoundedHttp("Entra ID sign-in", http, settings.loginEndpoint(), settings.requestTimeout(), 1024 * 1024, clock,
                    () -> deadline);
            api = new GraphApi(settings.endpoint(), graph, token::get, clock, () -> deadline, () -> sleeper);
        }
        graph.resetCount();
        return api;
    }

    /** @return the Graph requests of the current scan so far (token requests not counted) */
    int requests() {
        BoundedHttp g = graph;
        return g == null ? 0 : g.count();
    }

    @Override
    public void close() {
        api = null;
    }

    @Override
    public String toString() {
        return "EntraClient[" + settings.tenantId() + "]";
    }
}
