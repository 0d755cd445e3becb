package dev.mfawatch.notifier.slack;

import dev.mfawatch.core.ConfigurationException;
import dev.mfawatch.core.Severity;
import dev.mfawatch.spi.Notifier;
import dev.mfawatch.spi.NotifierProvider;
import dev.mfawatch.spi.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code type=slack}. Keys: {@code webhook-url} (required, secret), {@code min-severity} (default
 * info), {@code mention} (e.g. {@code <!here>}, added to messages with HIGH or CRITICAL changes;
 * default none), {@code timeout} (per request, default 10s).
 */
public final class SlackNotifierProvider implements NotifierProvider {

    private final HttpPoster.Sleeper sleeper;

    /** Creates the provider; does no work. */
    public SlackNotifierProvider() {
        this(d -> Thread.sleep(d.toMillis()));
    }

    SlackNotifierProvider(HttpPoster.Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    public Notifier create(Settings settings) {
        settings.secret("webhook-url");
        URI url = settings.httpUrl("webhook-url").orElseThrow();
        Severity min = minSeverity(settings);
        String mention = settings.get("mention", "");
        if (!mention.isEmpty() && !mention.matches("(<[!@#][^<>]{1,80}>\\s*)+")) {
            throw new ConfigurationException(settings.fullKey("mention"), settings.fullKey("mention") + "=" + mention
                    + " is not a Slack mention such as <!here>, <!channel> or <@U0123ABC>");
        }
        Duration timeout = settings.duration("timeout", Duration.ofSeconds(10));
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        return new SlackNotifier(new HttpPoster(client, url, timeout, sleeper, "Slack"), new SlackMessages(mention.strip()),
                min, sleeper, System::nanoTime);
    }

    static Severity minSeverity(Settings settings) {
        String[] names = Arrays.stream(Severity.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
        return Severity.valueOf(settings.choice("min-severity", "info", names).toUpperCase(Locale.ROOT));
    }
}
