package dev.mfawatch.monitor.google;

import dev.mfawatch.spi.BoundedHttp;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The connection to one Workspace account, kept across scans; each scan brings its clock, sleeper and deadline. */
final class GoogleClient implements AutoCloseable {

    private final GoogleSettings settings;
    private final HttpClient http;
    private @Nullable GoogleToken token;
    private volatile Clock clock = Clock.systemUTC();
    private volatile Sleeper sleeper = Sleeper.system();
    private volatile Instant deadline = Instant.MAX;
    private volatile @Nullable BoundedHttp admin;
    private volatile @Nullable BoundedHttp login;
    private @Nullable AdminApi api;

    GoogleClient(GoogleSettings settings, Supplier<HttpClient.Builder> clients) {
        this.settings = settings;
        // No redirects: BoundedHttp follows them itself, within one origin.
        this.http = clients.get().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.requestTimeout().compareTo(Duration.ofSeconds(10)) < 0 ? settings.requestTimeout() : Duration.ofSeconds(10))
                .build();
    }

    void token(GoogleToken value) {
        this.token = value;
    }

    /** The exchange with the key file's token endpoint, made afresh with each scan's deadline. */
    Supplier<BoundedHttp> login(URI tokenUri) {
        return () -> {
            BoundedHttp l = login;
            if (l == null || !l.sameOrigin(tokenUri)) {
                l = new BoundedHttp("Google sign-in", http, tokenUri, settings.requestTimeout(), 1024 * 1024, clock, () -> deadline);
                login = l;
            }
            return l;
        };
    }

    synchronized AdminApi start(ScanContext context) {
        deadline = context.deadline();
        sleeper = context.sleeper();
        if (api == null || !clock.equals(context.clock())) {
            clock = context.clock();
            login = null;
            admin = new BoundedHttp("Google", http, settings.endpoint(), settings.requestTimeout(), AdminApi.MAX_BYTES, clock, () -> deadline);
            api = new AdminApi(settings.endpoint(), admin, token, clock, () -> deadline, () -> sleeper);
        }
        admin.resetCount();
        return api;
    }

    int requests() {
        BoundedHttp a = admin;
        return a == null ? 0 : a.count();
    }

    @Override
    public void close() {
        api = null;
    }

    @Override
    public String toString() {
        return "GoogleClient[" + settings.customer() + "]";
    }
}
