package dev.mfawatch.notifier.slack;

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
 * {@code type=slack}. Keys: {@code webhook-url} (required, secret), {@code min-severity} (default
 * info), {@code mention} (e.g. {@code <!here>}, added to messages with HIGH or CRITICAL changes;
 * default none), {@code timeout} (per request, default 10s).
 */
public final class SlackNotifierProvider implements NotifierProvider {

    private final Sleeper sleeper;

    /** Creates the provider; does no work. */
    public SlackNotifierProvider() {
        this(Sleeper.system());
    }

    SlackNotifierProvider(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Notifier create(Settings settings) {
        Secret url = settings.getSecretUri("webhook-url");
        Severity min = settings.getEnum("min-severity", Severity.INFO);
        String mention = settings.getString("mention", "");
        if (!mention.isEmpty() && !mention.matches("(<[!@#][^<>]{1,80}>\\s*)+")) {
            settings.reject("mention", "is not a Slack mention such as <!here>, <!channel> or <@U0123ABC>");
        }
        Duration timeout = settings.getDuration("timeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5));
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        return new SlackNotifier(new HttpPoster(client, URI.create(url.reveal()), timeout, sleeper, "Slack"),
                new SlackMessages(mention.strip()), min, sleeper, Clock.systemUTC());
    }
}
