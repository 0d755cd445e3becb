package dev.mfawatch.monitor.google;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.spi.BoundedHttp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The delegated token: google-auth-library signs the JWT for the service account, acting as the
 * subject with read-only scopes, and exchanges it at the key file's {@code token_uri}. Its HTTP goes
 * through {@link BoundedHttp} (deadline, cap, no redirect elsewhere) by a transport of our own.
 */
final class GoogleToken {

    static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/admin.directory.user.readonly",
            "https://www.googleapis.com/auth/admin.reports.audit.readonly");
    /**
     * google-http-client logs whole requests and answers at CONFIG on this java.util.logging logger:
     * the signed assertion going out, the access token coming back. Held at INFO for the JVM's life,
     * so no logging set-up of a host turns it on (the canary test caught it).
     */
    private static final java.util.logging.Logger WIRE = quiet(java.util.logging.Logger.getLogger(HttpTransport.class.getName()));

    private static java.util.logging.Logger quiet(java.util.logging.Logger logger) {
        logger.setLevel(java.util.logging.Level.INFO);
        return logger;
    }

    /** A key file is a few KB. */
    static final int MAX_KEY_BYTES = 64 * 1024;

    /** The key file cannot be used; the message is safe to show. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }

    private final GoogleCredentials credentials;
    private final String clientId;
    private @Nullable String token;
    private Instant renewAt = Instant.MIN;

    private GoogleToken(GoogleCredentials credentials, String clientId) {
        this.credentials = credentials;
        this.clientId = clientId;
    }

    /**
     * Reads the key file (at start-up, so a bad file is a configuration error).
     *
     * @param file    the service account key
     * @param subject the admin to act as
     * @param login   the bounded exchange with the file's token endpoint, per scan
     */
    static GoogleToken load(Path file, String subject, java.util.function.Function<URI, Supplier<BoundedHttp>> login) throws Unusable {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_KEY_BYTES + 1);
        } catch (IOException e) {
            throw new Unusable("names a file that cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > MAX_KEY_BYTES) {
            throw new Unusable("names a file larger than " + MAX_KEY_BYTES / 1024 + " KB, which is no service account key");
        }
        ServiceAccountCredentials sa;
        // The exchange depends on the token_uri, which is known once the file is read.
        java.util.concurrent.atomic.AtomicReference<Supplier<BoundedHttp>> http = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            sa = ServiceAccountCredentials.fromStream(new ByteArrayInputStream(bytes), () -> new Transport(() -> http.get().get()));
        } catch (IOException | RuntimeException e) {
            throw new Unusable("is not a service account key (JSON with type service_account, client_email and private_key): "
                    + e.getClass().getSimpleName());
        }
        http.set(login.apply(sa.getTokenServerUri()));
        GoogleCredentials delegated = sa.createScoped(SCOPES).createDelegated(subject);
        return new GoogleToken(delegated, sa.getClientId() == null ? "(no client_id)" : sa.getClientId());
    }

    /** A token: the one got earlier until five minutes before it expires, then a new one. */
    synchronized String get() {
        if (token != null && Instant.now().isBefore(renewAt)) {
            return token;
        }
        AccessToken t;
        try {
            t = credentials.refreshAccessToken();
        } catch (MonitorException e) {
            throw e;
        } catch (IOException e) {
            throw refused(e);
        }
        token = t.getTokenValue();
        renewAt = t.getExpirationTime() == null ? Instant.now().plus(Duration.ofMinutes(30))
                : t.getExpirationTime().toInstant().minus(Duration.ofMinutes(5));
        return token;
    }

    private MonitorException refused(IOException e) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        if (e.getCause() instanceof MonitorException m) {
            return m;
        }
        if (text.contains("unauthorized_client")) {
            return new MonitorException("Google refused to let the service account act as the subject (unauthorized_client): in the "
                    + "Admin console, Security > Access and data control > API controls > Domain-wide delegation, add client id "
                    + clientId + " with the scopes " + String.join(",", SCOPES));
        }
        if (text.contains("invalid_grant")) {
            return new MonitorException("Google refused the token request (invalid_grant): the subject is not a user of the domain, "
                    + "the key was deleted, or this machine's clock is off");
        }
        if (text.contains("invalid_client")) {
            return new MonitorException("Google does not know the service account's key (invalid_client): make a new key, or "
                    + "check that the service account was not deleted");
        }
        return new MonitorException("could not get a token from Google: " + e.getClass().getSimpleName()
                + (text.isEmpty() ? "" : " " + BoundedHttp.firstLine(text)));
    }

    @Override
    public String toString() {
        return "GoogleToken[client=" + clientId + "]";
    }

    /** google-http-client's transport, sent through {@link BoundedHttp}. */
    private static final class Transport extends HttpTransport {
        private final Supplier<BoundedHttp> http;

        Transport(Supplier<BoundedHttp> http) {
            this.http = http;
        }

        @Override
        protected LowLevelHttpRequest buildRequest(String method, String url) {
            return new LowLevelHttpRequest() {
                private final List<String[]> headers = new ArrayList<>();

                @Override
                public void addHeader(String name, String value) {
                    headers.add(new String[] {name, value});
                }

                @Override
                public LowLevelHttpResponse execute() throws IOException {
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    if (getStreamingContent() != null) {
                        getStreamingContent().writeTo(body);
                    }
                    URI uri = URI.create(url);
                    BoundedHttp exchange = http.get();
                    if (!exchange.sameOrigin(uri)) {
                        throw new MonitorException("google-auth-library wanted to call another origin (" + uri.getHost()
                                + ") than the key file's token_uri; refused");
                    }
                    BoundedHttp.Answer a = exchange.send(u -> {
                        HttpRequest.Builder b = HttpRequest.newBuilder(u).method(method, body.size() == 0
                                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
                        for (String[] h : headers) {
                            if (!h[0].equalsIgnoreCase("Content-Length") && !h[0].equalsIgnoreCase("Accept-Encoding")) {
                                b.header(h[0], h[1]);
                            }
                        }
                        if (getContentType() != null) {
                            b.header("Content-Type", getContentType());
                        }
                        return b.build();
                    }, uri);
                    return new Response(a);
                }
            };
        }
    }

    private static final class Response extends LowLevelHttpResponse {
        private final BoundedHttp.Answer answer;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();

        Response(BoundedHttp.Answer answer) {
            this.answer = answer;
            answer.headers().map().forEach((k, vs) -> vs.forEach(v -> headers.add(Map.entry(k, v))));
        }

        @Override
        public InputStream getContent() {
            return new ByteArrayInputStream(answer.body());
        }

        @Override
        public @Nullable String getContentEncoding() {
            return null;
        }

        @Override
        public long getContentLength() {
            return answer.body().length;
        }

        @Override
        public @Nullable String getContentType() {
            return answer.header("Content-Type");
        }

        @Override
        public String getStatusLine() {
            return "HTTP/1.1 " + answer.status();
        }

        @Override
        public int getStatusCode() {
            return answer.status();
        }

        @Override
        public @Nullable String getReasonPhrase() {
            return null;
        }

        @Override
        public int getHeaderCount() {
            return headers.size();
        }

        @Override
        public String getHeaderName(int index) {
            return headers.get(index).getKey();
        }

        @Override
        public String getHeaderValue(int index) {
            return headers.get(index).getValue();
        }
    }
}
