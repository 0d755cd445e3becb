package dev.mfawatch.monitor.entra;

import dev.mfawatch.spi.Secret;
import dev.mfawatch.spi.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one {@code entra} monitor instance.
 *
 * @param tenantId            the tenant (directory) id, a GUID, or a verified domain
 * @param clientId            the app registration's application (client) id
 * @param clientSecret        the client secret, or {@code null} for a certificate
 * @param certificate         a PEM (certificate and PKCS#8 key) or PFX/PKCS#12 file, or {@code null}
 * @param certificatePassword the PFX password, or {@code null}
 * @param endpoint            Graph's origin, {@code https://graph.microsoft.com} by default
 * @param loginEndpoint       the sign-in origin, {@code https://login.microsoftonline.com} by default
 * @param fullScanEvery       how often the registration report and every user are read
 * @param overlap             how far each audit-log read reaches back before the last one's end
 * @param ignoreGuests        whether guests are {@code NOT_APPLICABLE} (their MFA is their home tenant's)
 * @param requestTimeout      the time limit of one request
 */
record EntraSettings(String tenantId, String clientId, @Nullable Secret clientSecret, @Nullable Path certificate,
                     @Nullable Secret certificatePassword, URI endpoint, URI loginEndpoint, Duration fullScanEvery, Duration overlap,
                     boolean ignoreGuests, Duration requestTimeout) {

    static final URI GRAPH = URI.create("https://graph.microsoft.com");
    static final URI LOGIN = URI.create("https://login.microsoftonline.com");
    static final Duration DEFAULT_FULL_SCAN_EVERY = Duration.ofHours(24);
    /** Entra shows most audit events within minutes, some later: half an hour back covers them. */
    static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(30);

    static EntraSettings read(Settings s) {
        String tenant = s.getString("tenant-id");
        if (tenant.equalsIgnoreCase("common") || tenant.equalsIgnoreCase("organizations") || tenant.equalsIgnoreCase("consumers")) {
            s.reject("tenant-id", "must name one tenant: an app-only token has no 'common' tenant");
        } else if (!tenant.isEmpty() && !tenant.matches("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}|[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")) {
            s.reject("tenant-id", "is neither a tenant id (a GUID) nor a domain such as contoso.onmicrosoft.com");
        }
        String client = s.getString("client-id");
        if (!client.isEmpty() && !client.matches("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")) {
            s.reject("client-id", "is not an application (client) id, a GUID");
        }
        Secret secret = s.findSecret("client-secret").filter(v -> !v.reveal().isBlank()).orElse(null);
        Secret cert = s.findSecret("certificate").filter(v -> !v.reveal().isBlank()).orElse(null);
        Secret password = s.findSecret("certificate-password").orElse(null);
        if (secret != null && cert != null) {
            s.reject("client-secret", "is set together with certificate: use one of them");
        } else if (secret == null && cert == null) {
            s.reject("client-secret", "is not set: set client-secret or certificate (a PEM or PFX file), the app's credential");
        }
        if (password != null && cert == null) {
            s.reject("certificate-password", "only goes with certificate");
        }
        return new EntraSettings(tenant, client, secret, cert == null ? null : Path.of(cert.reveal()), password,
                s.getOrigin("endpoint", GRAPH, GRAPH.toString()), s.getOrigin("login-endpoint", LOGIN, LOGIN.toString()),
                s.getDuration("full-scan-every", DEFAULT_FULL_SCAN_EVERY, Duration.ZERO, Duration.ofDays(30)),
                s.getDuration("overlap", DEFAULT_OVERLAP, Duration.ZERO, Duration.ofDays(1)),
                s.getChoice("guests", "watch", "watch", "ignore").equals("ignore"),
                s.getDuration("request-timeout", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(10)));
    }
}
