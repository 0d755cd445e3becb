package dev.mfawatch.notifier.webhook;

import dev.mfawatch.model.Severity;
import dev.mfawatch.spi.HttpPoster;
import dev.mfawatch.spi.Notifier;
import dev.mfawatch.spi.NotifierProvider;
import dev.mfawatch.spi.Secret;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.Sleeper;
import dev.mfawatch.spi.SpiVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code type=webhook}. Keys: {@code url} (required, secret: webhook URLs often carry a token),
 * {@code secret} (optional: signs each body with HMAC-SHA256), {@code min-severity} (default info),
 * {@code timeout} (a whole exchange, default 10s), {@code max-body} (the largest body sent, default
 * 256KB: a larger backlog goes out in parts).
 */
public final class WebhookNotifierProvider implements NotifierProvider {

    private final Sleeper sleeper;
    private final Clock clock;

    /** Creates the provider; does no work. */
    public WebhookNotifierProvider() {
        this(Sleeper.system(), Clock.systemUTC());
    }

    WebhookNotifierProvider(Sleeper sleeper, Clock clock) {
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Notifier create(Settings settings) {
        Secret url = settings.getSecretUri("url");
        Duration timeout = settings.getDuration("timeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5));
        Severity min = settings.getEnum("min-severity", Severity.INFO);
        HttpPoster poster = new HttpPoster(HttpClient.newBuilder().connectTimeout(timeout).build(), URI.create(url.reveal()),
                timeout, sleeper, "the webhook");
        int maxBody = (int) settings.getSize("max-body", 256L << 10, 1L << 10, 10L << 20);
        return new WebhookNotifier(poster, settings.findSecret("secret").orElse(null), min, clock, maxBody);
    }
}
