package dev.mfawatch.monitor.okta;

import dev.mfawatch.spi.BoundedHttp;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.mfawatch.model.MonitorException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An OAuth 2.0 service app: a client-credentials token got with a private-key JWT, the only client
 * authentication Okta accepts for its own API scopes. The library builds and signs the requests and
 * reads the answers; they travel through the same bounded {@link BoundedHttp} as every other request.
 *
 * <p>Okta turns DPoP on by default for new service apps. The first token request goes without a
 * proof; if Okta asks for one, every later request carries one, signed by a key made in memory for
 * this monitor (RFC 9449 wants possession, not a particular key), with the nonce Okta hands out.
 */
final class ServiceAppAuth implements OktaAuth {

    static final List<String> SCOPES = List.of("okta.users.read", "okta.logs.read", "okta.roles.read");
    private static final java.time.Duration EARLY = java.time.Duration.ofSeconds(60);

    private final ClientID clientId;
    private final ServiceAppKey key;
    private final URI tokenEndpoint;
    private final Clock clock;
    private final BoundedHttp exchange;
    private boolean dpop;
    private @Nullable DefaultDPoPProofFactory proofs;
    private @Nullable Nonce tokenNonce;
    private @Nullable Nonce resourceNonce;
    private @Nullable AccessToken token;
    private Instant expires = Instant.MIN;

    ServiceAppAuth(String clientId, ServiceAppKey key, URI endpoint, Clock clock, BoundedHttp exchange) {
        this.clientId = new ClientID(clientId);
        this.key = key;
        this.tokenEndpoint = URI.create(endpoint + "/oauth2/v1/token");
        this.clock = clock;
        this.exchange = exchange;
    }

    @Override
    public synchronized Map<String, String> headers(String method, URI uri) throws IOException {
        if (token == null || !clock.instant().isBefore(expires)) {
            fetch();
        }
        AccessToken t = token;
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", t.toAuthorizationHeader());
        if (t.getType().equals(AccessTokenType.DPOP)) {
            h.put("DPoP", proof(method, withoutQuery(uri), t, resourceNonce));
        }
        return h;
    }

    @Override
    public synchronized boolean retry(BoundedHttp.Answer answer) {
        String nonce = answer.header("DPoP-Nonce");
        if (nonce != null && !nonce.isBlank() && (resourceNonce == null || !nonce.equals(resourceNonce.getValue()))) {
            resourceNonce = new Nonce(nonce);
            return true;
        }
        if (token != null) {
            // Okta may revoke a token before its time: one fresh token is worth a try.
            token = null;
            return true;
        }
        return false;
    }

    @Override
    public String describe() {
        return "the service app " + clientId.getValue();
    }

    private void fetch() throws IOException {
        for (int attempt = 0; attempt < 4; attempt++) {
            HTTPRequest request;
            String proof;
            try {
                PrivateKeyJWT assertion = new PrivateKeyJWT(clientId, tokenEndpoint, key.algorithm(), key.key(), key.keyId(), null);
                request = new TokenRequest.Builder(tokenEndpoint, assertion, new ClientCredentialsGrant())
                        .scope(new Scope(SCOPES.toArray(String[]::new))).build().toHTTPRequest();
                proof = dpop ? proof("POST", tokenEndpoint, null, tokenNonce) : null;
            } catch (JOSEException e) {
                throw new MonitorException("the service app's key cannot sign a client assertion: " + e.getClass().getSimpleName());
            }
            BoundedHttp.Answer answer = exchange.send(u -> post(request, proof), tokenEndpoint);
            TokenResponse response;
            try {
                HTTPResponse parsed = new HTTPResponse(answer.status());
                answer.headers().map().forEach((k, v) -> parsed.setHeader(k, v.toArray(String[]::new)));
                parsed.setBody(answer.text());
                response = TokenResponse.parse(parsed);
            } catch (ParseException e) {
                throw new MonitorException("Okta's token endpoint answered HTTP " + answer.status()
                        + " with something that is not an OAuth token answer; check the endpoint setting");
            }
            if (response.indicatesSuccess()) {
                AccessToken t = response.toSuccessResponse().getTokens().getAccessToken();
                long life = t.getLifetime() > 0 ? t.getLifetime() : 3600;
                token = t;
                expires = clock.instant().plusSeconds(life).minus(EARLY);
                return;
            }
            ErrorObject error = response.toErrorResponse().getErrorObject();
            String code = error == null || error.getCode() == null ? "" : error.getCode();
            String nonce = answer.header("DPoP-Nonce");
            if ("use_dpop_nonce".equals(code) && nonce != null) {
                dpop = true;
                tokenNonce = new Nonce(nonce);
                continue;
            }
            if ("invalid_dpop_proof".equals(code) && !dpop) {
                dpop = true;
                continue;
            }
            throw refused(code, error == null ? null : error.getDescription());
        }
        throw new MonitorException("Okta's token endpoint kept asking for another DPoP proof; the service app gets no token");
    }

    private MonitorException refused(String code, @Nullable String description) {
        String said = code + (description == null ? "" : " (" + BoundedHttp.firstLine(description) + ")");
        return switch (code) {
            case "invalid_client" -> new MonitorException("Okta refused the service app " + clientId.getValue() + ": " + said
                    + ". Check client-id, that the app authenticates with \"Public key / Private key\", and that the public half of "
                    + "private-key is registered on it (key-id must match its kid)");
            case "invalid_scope" -> new MonitorException("Okta did not grant the service app the scopes " + String.join(", ", SCOPES)
                    + ": " + said + ". Grant all three on the app's Okta API Scopes tab");
            case "unauthorized_client" -> new MonitorException("Okta does not let the service app use client credentials: " + said
                    + ". Create it as an API Services app");
            default -> new MonitorException("Okta's token endpoint refused the service app: " + (said.isBlank() ? "no reason given" : said));
        };
    }

    private static HttpRequest post(HTTPRequest request, @Nullable String proof) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.getURI())
                .POST(HttpRequest.BodyPublishers.ofString(request.getBody() == null ? "" : request.getBody()));
        request.getHeaderMap().forEach((name, values) -> {
            for (String v : values) {
                b.header(name, v);
            }
        });
        b.header("Accept", "application/json");
        if (proof != null) {
            b.header("DPoP", proof);
        }
        return b.build();
    }

    private String proof(String method, URI uri, @Nullable AccessToken bound, @Nullable Nonce nonce) throws IOException {
        try {
            if (proofs == null) {
                RSAKey own = new RSAKeyGenerator(2048).generate();
                proofs = new DefaultDPoPProofFactory(own, JWSAlgorithm.RS256);
            }
            return (bound == null ? proofs.createDPoPJWT(method, uri, nonce) : proofs.createDPoPJWT(method, uri, bound, nonce))
                    .serialize();
        } catch (JOSEException e) {
            throw new IOException("cannot make a DPoP proof: " + e.getClass().getSimpleName(), e);
        }
    }

    private static URI withoutQuery(URI uri) {
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath());
    }

    @Override
    public String toString() {
        return "ServiceAppAuth[client=" + clientId.getValue() + ", " + key + "]";
    }
}
