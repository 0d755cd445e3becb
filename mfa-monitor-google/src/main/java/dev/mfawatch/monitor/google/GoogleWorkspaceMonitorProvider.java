package dev.mfawatch.monitor.google;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SpiVersion;
import dev.mfawatch.spi.WireLoggers;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code type=google-workspace}: every user of a Google Workspace account with their 2-Step
 * Verification enrolment; super admins critical. Keys: {@code credentials-file} (a service account
 * key, secret), {@code subject} (the admin to act as), {@code customer} ({@code my_customer}),
 * {@code endpoint}, {@code full-scan-every} (24h), {@code overlap} (6h), {@code request-timeout}
 * (30s), {@code timeout} (5 minutes).
 */
public final class GoogleWorkspaceMonitorProvider implements MonitorProvider {

    private final Supplier<HttpClient.Builder> clients;

    /** Creates the provider; does no work. */
    public GoogleWorkspaceMonitorProvider() {
        this(HttpClient::newBuilder);
    }

    GoogleWorkspaceMonitorProvider(Supplier<HttpClient.Builder> clients) {
        this.clients = clients;
    }

    @Override
    public String type() {
        return "google-workspace";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    /** 5,000 users are 10 pages of 500 and a token: five minutes leaves room for Google's back-off. */
    @Override
    public Duration defaultTimeout() {
        return Duration.ofMinutes(5);
    }

    @Override
    public Monitor create(Settings settings) {
        WireLoggers.quiet();
        GoogleSettings google = GoogleSettings.read(settings);
        GoogleClient client = new GoogleClient(google, clients);
        if (!google.subject().isEmpty() && !google.credentialsFile().toString().equals("unset")) {
            try {
                client.token(GoogleToken.load(google.credentialsFile(), google.subject(), client::login));
            } catch (GoogleToken.Unusable e) {
                settings.reject("credentials-file", e.getMessage());
            }
        }
        return new GoogleWorkspaceMonitor(google, client);
    }
}
