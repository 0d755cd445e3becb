package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mfawatch.model.MonitorException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded HTTP exchanges with one service, for monitors that call a REST API with the JDK's HTTP
 * client: a deadline that covers the whole answer (the client's own request timeout stops at the
 * headers, so a body sent a byte a second would hold a scan), a cap on the body, and redirects
 * followed only within the service's origin, because a client that followed them would carry the
 * credential to wherever one points. Give it a client built with {@code Redirect.NEVER} (the
 * default). Retries, rate limits and error messages stay with the monitor, which knows its service.
 *
 * <p>Each request is logged at DEBUG as its method, path, query, status and time: never a header.
 * Thread-safe.
 *
 * @since 0.2
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class BoundedHttp {

    /**
     * An answer whose body was read whole (it fitted under the cap).
     *
     * @param status  the HTTP status
     * @param headers the headers
     * @param body    the body
     * @param uri     the URI that answered (after same-origin redirects)
     */
    public record Answer(int status, HttpHeaders headers, byte[] body, URI uri) {
        /** @return the body as UTF-8 text */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /**
         * The first value of a header.
         *
         * @param name the header's name, in any case
         * @return its first value, or {@code null}
         */
        public @Nullable String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /**
         * A header that holds a whole number, such as {@code Retry-After} in seconds or a rate
         * limit's {@code Remaining} and {@code Reset}.
         *
         * @param name the header's name, in any case
         * @return its value, or empty when it is missing or not a whole number (an HTTP date, say)
         */
        public java.util.OptionalLong headerNumber(String name) {
            String v = header(name);
            if (v == null) {
                return java.util.OptionalLong.empty();
            }
            try {
                return java.util.OptionalLong.of(Long.parseLong(v.strip()));
            } catch (NumberFormatException e) {
                return java.util.OptionalLong.empty();
            }
        }
    }

    /**
     * What a service said, fit for a message: the first line, stripped, at most 200 characters.
     *
     * @param text an error message or description, or {@code null}
     * @return the line, or the empty string
     */
    public static String firstLine(@Nullable String text) {
        String one = text == null ? "" : text.lines().findFirst().orElse("").strip();
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }

    /**
     * Waits as a service asked (a rate limit, a back-off) if the wait ends before the scan's
     * deadline; a wait that would not is not started, so the caller can fail at once and say when
     * the limit lifts.
     *
     * @param clock    the scan's clock
     * @param deadline the scan's deadline
     * @param sleeper  the scan's sleeper
     * @param wait     how long
     * @param service  what messages call the service
     * @return {@code true} after waiting, {@code false} if the wait does not fit
     * @throws MonitorException if the thread is interrupted while it waits
     */
    public static boolean pauseWithin(Clock clock, Instant deadline, Sleeper sleeper, Duration wait, String service) {
        if (!clock.instant().plus(wait).isBefore(deadline)) {
            return false;
        }
        try {
            sleeper.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MonitorException("interrupted while waiting for " + service);
        }
    }

    /** No complete answer came within the time: a read may be tried again. */
    public static final class NoAnswer extends IOException {
        private static final long serialVersionUID = 1L;

        NoAnswer(String message) {
            super(message);
        }
    }

    /** How many same-origin redirects one request follows at most. */
    public static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Logger LOG = LoggerFactory.getLogger(BoundedHttp.class);

    private final String service;
    private final HttpClient client;
    private final URI origin;
    private final Duration requestTimeout;
    private final int maxBytes;
    private final Clock clock;
    private final Supplier<Instant> deadline;
    private int count;

    /**
     * Exchanges with one service.
     *
     * @param service        what messages call the service, e.g. {@code Okta}
     * @param client         the HTTP client; it must not follow redirects
     * @param origin         the service's origin (scheme, host, port); redirects and links stay within it
     * @param requestTimeout the time limit of one request, headers and body
     * @param maxBytes       the largest body read; a larger one fails the request
     * @param clock          the clock the deadline is measured with
     * @param deadline       when the scan ends: no request starts past it, none runs beyond it
     */
    public BoundedHttp(String service, HttpClient client, URI origin, Duration requestTimeout, int maxBytes, Clock clock,
                       Supplier<Instant> deadline) {
        WireLoggers.quiet();
        this.service = service;
        this.client = client;
        this.origin = URI.create(origin.getScheme() + "://" + origin.getRawAuthority());
        this.requestTimeout = requestTimeout;
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.deadline = deadline;
    }

    /** @return how many HTTP requests went out since the last {@link #resetCount()}: for counted measures */
    public synchronized int count() {
        return count;
    }

    /** Starts counting requests from zero. */
    public synchronized void resetCount() {
        count = 0;
    }

    /**
     * Sends one request, following same-origin redirects.
     *
     * @param request makes the request for a URI (headers are made afresh, e.g. a DPoP proof per URL)
     * @param uri     where to send it first
     * @return the answer
     * @throws NoAnswer    if no complete answer came in time
     * @throws IOException if the connection failed
     * @throws MonitorException if a redirect leaves the origin, the body is too large, or the thread is interrupted
     */
    public Answer send(java.util.function.Function<URI, HttpRequest> request, URI uri) throws IOException {
        URI current = uri;
        for (int hop = 0; ; hop++) {
            Answer a = once(request.apply(current));
            String location = a.header("Location");
            if (!REDIRECTS.contains(a.status()) || location == null) {
                return a;
            }
            URI target;
            try {
                target = current.resolve(location);
            } catch (IllegalArgumentException e) {
                throw new MonitorException(service + " answered " + current.getPath() + " with a redirect that cannot be read");
            }
            if (!sameOrigin(target)) {
                throw new MonitorException(service + " redirected " + current.getPath() + " to another origin (" + target.getScheme() + "://"
                        + target.getHost() + "); mfa-watch does not send the credential there. Check the endpoint setting");
            }
            if (hop >= MAX_REDIRECTS) {
                throw new MonitorException(service + " redirected " + uri.getPath() + " more than " + MAX_REDIRECTS + " times");
            }
            current = target;
        }
    }

    private Answer once(HttpRequest request) throws IOException {
        Instant now = clock.instant();
        Duration left = Duration.between(now, deadline.get());
        if (left.isNegative() || left.isZero()) {
            throw new NoAnswer("the scan's time limit ran out before " + request.uri().getPath());
        }
        Duration limit = left.compareTo(requestTimeout) < 0 ? left : requestTimeout;
        synchronized (this) {
            count++;
        }
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(HttpRequest.newBuilder(request, (k, v) -> true)
                .timeout(limit).build(), info -> new Capped(maxBytes));
        try {
            HttpResponse<byte[]> r = exchange.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            if (LOG.isDebugEnabled()) {
                // Path and query only (pages, filters, cursors): never the headers, which carry the credential.
                LOG.debug("{} {} {}{} -> {} in {} ms", service, request.method(), request.uri().getRawPath(),
                        request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery(), r.statusCode(),
                        (System.nanoTime() - started) / 1_000_000);
            }
            return new Answer(r.statusCode(), r.headers(), r.body(), request.uri());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new NoAnswer(service + " sent no complete answer to " + request.uri().getPath() + " within " + limit.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof TooLarge t) {
                throw new MonitorException(service + "'s answer to " + request.uri().getPath() + " is larger than " + maxBytes / (1024 * 1024)
                        + " MB, more than any answer of it should be; the scan is dropped", t);
            }
            if (cause instanceof HttpTimeoutException) {
                throw new NoAnswer(service + " sent no answer to " + request.uri().getPath() + " within " + limit.toMillis() + " ms");
            }
            throw new IOException("the connection to " + service + " failed (" + cause.getClass().getSimpleName() + ")", cause);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new MonitorException("interrupted while waiting for " + service);
        }
    }

    /**
     * Whether a URI is on the service's origin: check a next-page link before following it.
     *
     * @param target the URI
     * @return {@code true} if scheme, host and port match
     */
    public boolean sameOrigin(URI target) {
        return origin.getScheme().equalsIgnoreCase(target.getScheme()) && target.getHost() != null
                && origin.getHost().toLowerCase(Locale.ROOT).equals(target.getHost().toLowerCase(Locale.ROOT))
                && port(origin) == port(target);
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** The body went past the cap. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("answer too large");
        }
    }

    /** Collects a body up to a cap, and gives up (without reading on) past it. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final int cap;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.@Nullable Subscription subscription;

        Capped(int cap) {
            this.cap = cap;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                if (kept.size() + b.remaining() > cap) {
                    if (subscription != null) {
                        subscription.cancel();
                    }
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                kept.write(bytes, 0, bytes.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(kept.toByteArray());
        }
    }
}
