package dev.mfawatch.monitor.entra;

import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.spi.BoundedHttp;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The app-only Graph token, from msal4j (client credentials with a secret or a certificate; msal4j
 * signs the assertion and caches the token until shortly before it expires). msal4j's requests go
 * through the same bounded exchange as Graph's: a deadline, a size cap, no redirect elsewhere.
 */
final class EntraToken {

    private static final Pattern AADSTS = Pattern.compile("(AADSTS\\d+)[: ]+([^\\r\\n]*)");

    private final EntraSettings settings;
    private final IClientCredential credential;
    private final Supplier<BoundedHttp> login;
    private final Set<String> scopes;
    private final String tenant;
    private @Nullable ConfidentialClientApplication app;
    private @Nullable String token;
    private java.time.Instant renewAt = java.time.Instant.MIN;

    EntraToken(EntraSettings settings, IClientCredential credential, Supplier<BoundedHttp> login) {
        this.settings = settings;
        this.credential = credential;
        this.login = login;
        this.tenant = settings.tenantId();
        this.scopes = Set.of(settings.endpoint() + "/.default");
    }

    /** Made on first use, so that settings checked at start-up never meet msal4j's own checks first. */
    private synchronized ConfidentialClientApplication app() {
        if (app != null) {
            return app;
        }
        try {
            app = ConfidentialClientApplication.builder(settings.clientId(), credential)
                    .authority(settings.loginEndpoint() + "/" + settings.tenantId() + "/")
                    // The authority is the one configured: no lookup of Microsoft's instance list on the way.
                    .instanceDiscovery(false)
                    .validateAuthority(false)
                    .logPii(false)
                    .httpClient(new Transport(login))
                    .build();
            return app;
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new MonitorException("login-endpoint and tenant-id do not make an authority URL msal4j takes");
        }
    }

    /**
     * A token for Graph: the one got earlier until five minutes before it expires, then a new one.
     * msal4j has a cache of its own, but its lookups are keyed by the authority's host, which does not
     * hold for every authority; keeping the token here makes "one token an hour" true everywhere.
     */
    synchronized String get(Duration limit) {
        if (token != null && java.time.Instant.now().isBefore(renewAt)) {
            return token;
        }
        try {
            com.microsoft.aad.msal4j.IAuthenticationResult r = app().acquireToken(ClientCredentialParameters.builder(scopes).build())
                    .get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
            token = r.accessToken();
            renewAt = r.expiresOnDate().toInstant().minus(Duration.ofMinutes(5));
            return token;
        } catch (TimeoutException e) {
            throw new MonitorException("Entra ID's sign-in endpoint gave no token within the scan's time limit");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MonitorException("interrupted while waiting for an Entra ID token");
        } catch (ExecutionException e) {
            throw refused(e.getCause() == null ? e : e.getCause());
        }
    }

    private MonitorException refused(Throwable cause) {
        if (cause instanceof MonitorException m) {
            return m;
        }
        if (cause instanceof MsalServiceException s) {
            String code = s.errorCode() == null ? "" : s.errorCode();
            String aadsts = "";
            Matcher m = AADSTS.matcher(s.getMessage() == null ? "" : s.getMessage());
            if (m.find()) {
                aadsts = m.group(1) + " " + BoundedHttp.firstLine(m.group(2));
            }
            String said = code + (aadsts.isEmpty() ? "" : ": " + aadsts);
            String fix = switch (aadsts.isEmpty() ? "" : aadsts.substring(0, aadsts.indexOf(' '))) {
                case "AADSTS7000215", "AADSTS7000222" -> "the client secret is wrong or expired: make a new one in the app registration";
                case "AADSTS700016" -> "no app with this client-id in tenant " + tenant + ": check client-id and tenant-id";
                case "AADSTS90002", "AADSTS90023" -> "tenant " + tenant + " was not found: check tenant-id";
                case "AADSTS700027", "AADSTS700024" -> "the certificate is not the one uploaded to the app registration, "
                        + "or the machine's clock is off";
                default -> "check tenant-id, client-id and the credential";
            };
            return new MonitorException("Entra ID refused the app's credential (" + said + "): " + fix);
        }
        if (cause instanceof MsalException e) {
            return new MonitorException("msal4j could not get a token from Entra ID (" + e.errorCode() + ")");
        }
        return new MonitorException("could not get a token from Entra ID: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + BoundedHttp.firstLine(cause.getMessage())));
    }

    @Override
    public String toString() {
        return "EntraToken[tenant=" + tenant + "]";
    }

    /** msal4j's HTTP, sent through {@link BoundedHttp}. */
    private static final class Transport implements IHttpClient {
        private final Supplier<BoundedHttp> login;

        Transport(Supplier<BoundedHttp> login) {
            this.login = login;
        }

        @Override
        public IHttpResponse send(com.microsoft.aad.msal4j.HttpRequest request) throws Exception {
            URI uri;
            try {
                uri = request.url().toURI();
            } catch (URISyntaxException e) {
                throw new MonitorException("msal4j asked for a URL that cannot be read");
            }
            BoundedHttp http = login.get();
            if (!http.sameOrigin(uri)) {
                // msal4j would otherwise look up metadata elsewhere: nothing leaves for another origin.
                throw new MonitorException("msal4j wanted to call another origin (" + uri.getHost() + ") than login-endpoint; refused");
            }
            BoundedHttp.Answer a = http.send(u -> {
                HttpRequest.Builder b = HttpRequest.newBuilder(u);
                Map<String, String> headers = request.headers() == null ? Map.of() : request.headers();
                headers.forEach((k, v) -> {
                    if (!k.equalsIgnoreCase("Content-Length") && !k.equalsIgnoreCase("Host") && !k.equalsIgnoreCase("Connection")) {
                        b.header(k, v);
                    }
                });
                String body = request.body();
                b.method(request.httpMethod().methodName, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
                return b.build();
            }, uri);
            return new Response(a.status(), a.headers().map(), a.text());
        }
    }

    private record Response(int statusCode, Map<String, List<String>> headers, @Nullable String body) implements IHttpResponse {
    }
}
