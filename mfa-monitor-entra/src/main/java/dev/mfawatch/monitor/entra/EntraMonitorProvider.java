package dev.mfawatch.monitor.entra;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCredential;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SpiVersion;
import dev.mfawatch.spi.WireLoggers;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code type=entra}: every user of a Microsoft Entra ID tenant with their MFA registration,
 * administrators critical, and what enforces MFA. Keys: {@code tenant-id}, {@code client-id}
 * (required); {@code client-secret} or {@code certificate} (+ {@code certificate-password}), secret;
 * {@code endpoint}, {@code login-endpoint}; {@code full-scan-every} (24h), {@code overlap} (30m),
 * {@code guests} ({@code watch} | {@code ignore}), {@code request-timeout} (30s), {@code timeout}
 * (5 minutes).
 */
public final class EntraMonitorProvider implements MonitorProvider {

    /** A full scan of 5,000 users is about a dozen large pages; five minutes leaves room for throttling. */
    static final int DEFAULT_TIMEOUT_MINUTES = 5;

    private final Supplier<HttpClient.Builder> clients;

    /** Creates the provider; does no work. */
    public EntraMonitorProvider() {
        this(HttpClient::newBuilder);
    }

    /** For tests: clients that trust a loopback certificate. */
    EntraMonitorProvider(Supplier<HttpClient.Builder> clients) {
        this.clients = clients;
    }

    @Override
    public String type() {
        return "entra";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Duration defaultTimeout() {
        return Duration.ofMinutes(DEFAULT_TIMEOUT_MINUTES);
    }

    @Override
    public Monitor create(Settings settings) {
        WireLoggers.quiet();
        EntraSettings entra = EntraSettings.read(settings);
        IClientCredential credential = null;
        if (entra.clientSecret() != null || entra.certificate() != null) {
            try {
                credential = EntraCredentials.of(entra);
            } catch (EntraCredentials.Unusable e) {
                settings.reject("certificate", e.getMessage());
            }
        }
        if (credential == null) {
            // The problem is reported at start-up; this monitor never runs.
            credential = ClientCredentialFactory.createFromSecret("unset");
        }
        return new EntraMonitor(entra, new EntraClient(entra, credential, clients));
    }
}
