package dev.mfawatch.spi.contract;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The scaffolding of every wire-level fake (IAM and CloudTrail, GitHub, Slack, a webhook receiver):
 * a JDK {@link HttpServer} bound to the loopback address on a free port, served by its own daemon
 * threads, stopped by {@link #close()}. A subclass implements {@link #handle} and speaks the real
 * service's wire format.
 *
 * <p>An exception thrown by {@code handle} becomes a 500 answer whose body names it, so a broken
 * fake shows up as a failed request in the test rather than as a hung one. The test JVM runs with
 * {@code sun.net.httpserver.nodelay=true} (set by the build, not by this class), so answers do not
 * wait on delayed ACKs.
 */
public abstract class LoopbackHttpService implements AutoCloseable {

    /**
     * The JDK server logs every request line at FINE: a fake's own log would show a canary test the
     * secret URL it was called with, which says nothing about mfa-watch. Held so the level stays.
     */
    private static final java.util.logging.Logger SERVER_LOG = quiet(java.util.logging.Logger.getLogger("com.sun.net.httpserver"));

    private static java.util.logging.Logger quiet(java.util.logging.Logger logger) {
        logger.setLevel(java.util.logging.Level.INFO);
        return logger;
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final boolean tls;
    private static javax.net.ssl.@org.jspecify.annotations.Nullable SSLContext throwAway;

    /**
     * A TLS context made once per JVM from a throw-away key pair and self-signed certificate for
     * {@code 127.0.0.1} and {@code localhost} (made by the JDK's {@code keytool}): the fakes serve with
     * it, and a test's client trusts it. Nothing outside the test JVM trusts it.
     *
     * @return the context, both key and trust material
     */
    public static synchronized javax.net.ssl.SSLContext tls() {
        if (throwAway == null) {
            try {
                java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("mfa-watch-tls");
                java.nio.file.Path store = dir.resolve("loopback.p12");
                char[] password = "loopback".toCharArray();
                Process keytool = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", "loopback", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", store.toString(),
                        "-storetype", "PKCS12", "-storepass", new String(password), "-keypass", new String(password))
                        .redirectErrorStream(true).start();
                String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (keytool.waitFor() != 0) {
                    throw new IllegalStateException("keytool failed: " + output);
                }
                java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
                try (java.io.InputStream in = java.nio.file.Files.newInputStream(store)) {
                    ks.load(in, password);
                }
                java.nio.file.Files.delete(store);
                java.nio.file.Files.delete(dir);
                javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                        javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, password);
                javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                        javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
                context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
                throwAway = context;
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException("cannot make the loopback TLS certificate", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while making the loopback TLS certificate", e);
            }
        }
        return throwAway;
    }

    /** Starts the server, speaking plain HTTP. */
    protected LoopbackHttpService() {
        this(false);
    }

    /**
     * Starts the server.
     *
     * @param tls whether to speak HTTPS with the throw-away certificate of {@link #tls()}, for clients
     *            that refuse plain HTTP (msal4j refuses an {@code http://} authority)
     */
    protected LoopbackHttpService(boolean tls) {
        this.tls = tls;
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            if (tls) {
                com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(address, 0);
                https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls()));
                server = https;
            } else {
                server = HttpServer.create(address, 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port for a fake service", e);
        }
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, getClass().getSimpleName() + "-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
    }

    /**
     * Answers one request. Called on the server's threads, possibly several at once.
     *
     * @param exchange the request and its answer
     * @throws IOException if the answer cannot be written
     */
    protected abstract void handle(HttpExchange exchange) throws IOException;

    /** @return {@code http://127.0.0.1:<port>} (or {@code https://}), without a trailing slash */
    public URI baseUri() {
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                handle(exchange);
            } catch (IOException | RuntimeException e) {
                // Only if nothing was sent yet; otherwise the client sees a cut answer, which is as loud.
                if (exchange.getResponseCode() == -1) {
                    send(exchange, 500, "text/plain", "the fake failed: " + e);
                }
            }
        }
    }

    /**
     * Decodes a query string or a form body ({@code a=1&b=x%20y}) into its parameters, in order; a
     * parameter given twice keeps its last value.
     *
     * @param raw the raw query or body, or {@code null}
     * @return the parameters
     */
    protected static Map<String, String> query(@org.jspecify.annotations.Nullable String raw) {
        Map<String, String> q = new java.util.LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    /**
     * Reads the whole request body as UTF-8.
     *
     * @param exchange the request
     * @return its body
     * @throws IOException if it cannot be read
     */
    protected static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    /**
     * Sends a complete answer.
     *
     * @param exchange    the request
     * @param status      the HTTP status
     * @param contentType the Content-Type
     * @param body        the body, sent as UTF-8
     * @throws IOException if it cannot be written
     */
    protected static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        send(exchange, status, Map.of("Content-Type", contentType), body);
    }

    /**
     * Sends a complete answer with headers.
     *
     * @param exchange the request
     * @param status   the HTTP status
     * @param headers  headers to add
     * @param body     the body, sent as UTF-8
     * @throws IOException if it cannot be written
     */
    protected static void send(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    /** Stops the server at once and ends its threads. Idempotent. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
