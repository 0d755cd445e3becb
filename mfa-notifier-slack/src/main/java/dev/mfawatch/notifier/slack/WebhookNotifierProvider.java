package dev.mfawatch.notifier.slack;

import dev.mfawatch.spi.Notifier;
import dev.mfawatch.spi.NotifierProvider;
import dev.mfawatch.spi.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code type=webhook}. Keys: {@code url} (required, secret: webhook URLs often carry a token),
 * {@code secret} (optional: signs each body with HMAC-SHA256), {@code min-severity} (default info),
 * {@code timeout} (per request, default 10s).
 */
public final class WebhookNotifierProvider implements NotifierProvider {

    private final HttpPoster.Sleeper sleeper;
    private final Clock clock;

    /** Creates the provider; does no work. */
    public WebhookNotifierProvider() {
        this(d -> Thread.sleep(d.toMillis()), Clock.systemUTC());
    }

    WebhookNotifierProvider(HttpPoster.Sleeper sleeper, Clock clock) {
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public Notifier create(Settings settings) {
        settings.secret("url");
        URI url = settings.httpUrl("url").orElseThrow();
        Duration timeout = settings.duration("timeout", Duration.ofSeconds(10));
        return new WebhookNotifier(new HttpPoster(HttpClient.newBuilder().connectTimeout(timeout).build(), url, timeout,
                sleeper, "the webhook"), settings.optionalSecret("secret").orElse(null),
                SlackNotifierProvider.minSeverity(settings), clock);
    }
}
