package dev.mfawatch.monitor.okta;

import dev.mfawatch.spi.Secret;
import dev.mfawatch.spi.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one {@code okta} monitor instance.
 *
 * @param endpoint         the org URL, {@code https://acme.okta.com}, without a trailing slash
 * @param token            an API token (sent as {@code SSWS}), or {@code null} for a service app
 * @param clientId         the service app's client id, or {@code null} for an API token
 * @param privateKey       the service app's private key file (PEM or JWK), or {@code null}
 * @param keyId            the key's {@code kid} at Okta, or {@code null} to send none (or the JWK's own)
 * @param fullScanEvery    how often every user's factors are read; the System Log refreshes in between
 * @param overlap          how far back each System Log read reaches before the last one's end
 * @param rateLimitReserve the share of each rate-limit bucket left to other Okta clients, from 0 to 1
 * @param requestTimeout   the time limit of one request (the scan's deadline caps it too)
 * @param tokenKey         the full key of the credential, for messages
 */
record OktaSettings(URI endpoint, @Nullable Secret token, @Nullable String clientId, @Nullable Path privateKey,
                    @Nullable String keyId, Duration fullScanEvery, Duration overlap, double rateLimitReserve,
                    Duration requestTimeout, String tokenKey) {

    static final Duration DEFAULT_FULL_SCAN_EVERY = Duration.ofHours(24);
    static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(15);
    /** Okta keeps 90 days of System Log: a refresh reaching further back would miss events. */
    static final Duration LONGEST_FULL_SCAN_EVERY = Duration.ofDays(30);
    static final double DEFAULT_RESERVE = 0.10;

    static OktaSettings read(Settings s) {
        URI endpoint = endpoint(s);
        Secret token = s.findSecret("token").filter(t -> !t.reveal().isBlank()).orElse(null);
        String clientId = s.findString("client-id").filter(c -> !c.isBlank()).orElse(null);
        Secret keyFile = s.findSecret("private-key").filter(k -> !k.reveal().isBlank()).orElse(null);
        String keyId = s.findString("key-id").filter(k -> !k.isBlank()).orElse(null);
        Path key = null;
        if (token != null && (clientId != null || keyFile != null)) {
            s.reject("token", "is set together with client-id/private-key: use an API token or a service app, not both");
        } else if (token == null && clientId == null && keyFile == null) {
            s.reject("token", "is not set: set token (an Okta API token) or client-id and private-key (an OAuth service app)");
        } else if (token == null) {
            if (clientId == null) {
                s.reject("client-id", "is not set: a service app needs its client id next to private-key");
            }
            if (keyFile == null) {
                s.reject("private-key", "is not set: a service app needs the path of its private key (PEM or JWK) next to client-id");
            } else {
                key = Path.of(keyFile.reveal());
            }
        }
        if (keyId != null && token != null) {
            s.reject("key-id", "only goes with a service app (client-id and private-key)");
        }
        Duration every = s.getDuration("full-scan-every", DEFAULT_FULL_SCAN_EVERY, Duration.ZERO, LONGEST_FULL_SCAN_EVERY);
        Duration overlap = s.getDuration("overlap", DEFAULT_OVERLAP, Duration.ZERO, Duration.ofDays(1));
        double reserve = s.getPercent("rate-limit-reserve", DEFAULT_RESERVE);
        if (reserve > 0.9) {
            s.reject("rate-limit-reserve", "leaves less than 10% of each rate limit to this monitor; at most 90%");
        }
        Duration requestTimeout = s.getDuration("request-timeout", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(10));
        return new OktaSettings(endpoint, token, clientId, key, keyId, every, overlap, reserve, requestTimeout,
                s.fullKey(token != null ? "token" : "private-key"));
    }

    private static URI endpoint(Settings s) {
        URI uri = s.getOrigin("endpoint", null, "https://acme.okta.com");
        if (uri.getHost() != null && uri.getHost().toLowerCase(Locale.ROOT).contains("-admin.")) {
            s.reject("endpoint", "is the admin console's address: the API is at the org URL without -admin");
        }
        return uri;
    }

    boolean serviceApp() {
        return token == null;
    }
}
