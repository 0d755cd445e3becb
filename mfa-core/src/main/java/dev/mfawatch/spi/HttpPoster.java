package dev.mfawatch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * POSTs JSON to a webhook with the retry rules every notifier needs: 2xx is done; 429 waits
 * {@code Retry-After} (at most {@value #LONGEST_RETRY_AFTER_SECONDS} s, {@value #RATE_LIMIT_RETRIES}
 * times) and tries again; 5xx, timeouts and broken connections are tried again with a doubling pause,
 * {@value #ATTEMPTS} attempts in all; any other answer is final. Each request has the given timeout,
 * the answer's body is read up to {@value #MAX_ANSWER_BYTES} bytes, and redirects are not followed
 * (give it a client built with the default {@code Redirect.NEVER}). Messages name the receiver's
 * answer, never the URL, which is often a secret.
 *
 * <p>Used by one thread at a time; blocks while it sends and waits.
 *
 * @since 0.2
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class HttpPoster {

    /** The post did not get through; {@link #mayHaveArrived()} when a timeout hid the answer. */
    public static final class Failed extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean mayHaveArrived;

        Failed(String message, boolean mayHaveArrived) {
            super(message);
            this.mayHaveArrived = mayHaveArrived;
        }

        /** @return whether the receiver may have taken the body although no answer said so */
        public boolean mayHaveArrived() {
            return mayHaveArrived;
        }
    }

    /** How many times a body is sent at most when the answers are 5xx, timeouts or broken connections. */
    public static final int ATTEMPTS = 4;
    /** How many 429 answers are waited out at most. */
    public static final int RATE_LIMIT_RETRIES = 5;
    /** The longest {@code Retry-After} that is waited out, in seconds; a longer one fails at once. */
    public static final int LONGEST_RETRY_AFTER_SECONDS = 60;
    /** How much of an answer's body is read; the rest is dropped. */
    public static final int MAX_ANSWER_BYTES = 64 * 1024;

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY_AFTER = Duration.ofSeconds(LONGEST_RETRY_AFTER_SECONDS);

    private final HttpClient client;
    private final URI url;
    private final Duration timeout;
    private final Sleeper sleeper;
    private final String receiver;

    /**
     * A poster for one URL.
     *
     * @param client   the HTTP client; it must not follow redirects
     * @param url      where to post, never {@code null}; never shown in a message
     * @param timeout  the time limit of each request, never {@code null}
     * @param sleeper  how to wait between attempts, never {@code null}
     * @param receiver what messages call the receiver, e.g. {@code Slack}
     */
    public HttpPoster(HttpClient client, URI url, Duration timeout, Sleeper sleeper, String receiver) {
        WireLoggers.quiet();
        this.client = Objects.requireNonNull(client, "client");
        this.url = Objects.requireNonNull(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    /**
     * Posts a JSON body, retrying as the class describes.
     *
     * @param body    the body, sent as {@code application/json; charset=utf-8}
     * @param headers more request headers, e.g. a signature
     * @return the answer's body (at most {@value #MAX_ANSWER_BYTES} bytes of it), stripped
     * @throws Failed if it did not get through; the message holds no secret
     */
    public String post(byte[] body, Map<String, String> headers) throws Failed {
        return post(body, () -> headers);
    }

    /**
     * Posts a JSON body with headers made afresh for each attempt, such as a signature with the
     * attempt's own timestamp, so a retry minutes later is not refused as a replay.
     *
     * @param body    the body, sent as {@code application/json; charset=utf-8}
     * @param headers makes the extra request headers of one attempt
     * @return the answer's body (at most {@value #MAX_ANSWER_BYTES} bytes of it), stripped
     * @throws Failed if it did not get through; the message holds no secret
     */
    public String post(byte[] body, java.util.function.Supplier<Map<String, String>> headers) throws Failed {
        Duration backoff = FIRST_BACKOFF;
        int attempts = 0;
        int limited = 0;
        boolean mayHaveArrived = false;
        String last = "";
        while (true) {
            HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.get().forEach(req::header);
            attempts++;
            java.util.concurrent.CompletableFuture<HttpResponse<String>> exchange = null;
            try {
                // The request timeout stops at the headers; the deadline below covers the body too, so a
                // receiver that answers 200 and then sends a byte a second cannot hold the run.
                exchange = client.sendAsync(req.build(), info -> new CappedBody(MAX_ANSWER_BYTES));
                HttpResponse<String> answer = exchange.get(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
                int status = answer.statusCode();
                String text = answer.body().strip();
                if (status / 100 == 2) {
                    return text;
                }
                if (status == 429) {
                    Duration wait = retryAfter(answer.headers().firstValue("Retry-After").orElse(null));
                    if (++limited > RATE_LIMIT_RETRIES || wait.compareTo(LONGEST_RETRY_AFTER) > 0) {
                        throw new Failed(receiver + " kept rate-limiting the message (429, Retry-After "
                                + wait.toSeconds() + "s)", mayHaveArrived);
                    }
                    attempts--;
                    pause(wait);
                    continue;
                }
                last = status + " " + clip(text);
                if (status / 100 != 5) {
                    // invalid_payload, no_service, channel_is_archived...: trying again cannot help.
                    throw new Failed(receiver + " refused the message: " + last, false);
                }
            } catch (java.util.concurrent.TimeoutException e) {
                exchange.cancel(true);
                // The receiver may have taken the message and only its answer got lost.
                mayHaveArrived = true;
                last = "no complete answer within " + SettingValues.format(timeout);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (cause instanceof HttpTimeoutException) {
                    mayHaveArrived = true;
                    last = "no answer within " + SettingValues.format(timeout);
                } else {
                    last = cause.getClass().getSimpleName() + redact(cause.getMessage());
                }
            } catch (InterruptedException e) {
                if (exchange != null) {
                    exchange.cancel(true);
                }
                Thread.currentThread().interrupt();
                throw new Failed("interrupted while sending to " + receiver, mayHaveArrived);
            }
            if (attempts >= ATTEMPTS) {
                throw new Failed(receiver + " did not take the message after " + attempts + " attempts (last: " + last + ")",
                        mayHaveArrived);
            }
            pause(backoff);
            backoff = backoff.multipliedBy(2);
        }
    }

    /**
     * Keeps the first bytes of an answer and stops reading there: a receiver that sends megabytes
     * cannot fill the heap, and its first bytes say enough.
     */
    static final class CappedBody implements HttpResponse.BodySubscriber<String> {
        private final int cap;
        private final java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        private final java.util.concurrent.CompletableFuture<String> result = new java.util.concurrent.CompletableFuture<>();
        private java.util.concurrent.Flow.@Nullable Subscription subscription;

        CappedBody(int cap) {
            this.cap = cap;
        }

        @Override
        public java.util.concurrent.CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(java.util.List<java.nio.ByteBuffer> items) {
            for (java.nio.ByteBuffer b : items) {
                int take = Math.min(b.remaining(), cap - kept.size());
                byte[] bytes = new byte[take];
                b.get(bytes);
                kept.write(bytes, 0, take);
            }
            if (kept.size() >= cap && subscription != null) {
                subscription.cancel();
                onComplete();
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(kept.toString(StandardCharsets.UTF_8));
        }
    }

    private void pause(Duration d) throws Failed {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted while waiting to retry " + receiver, false);
        }
    }

    private String redact(@Nullable String message) {
        return message == null ? "" : ": " + message.replace(url.toString(), "****").replace(url.getHost(), "****");
    }

    static Duration retryAfter(@Nullable String header) {
        if (header == null) {
            return Duration.ofSeconds(1);
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static String clip(String s) {
        String one = s.lines().findFirst().orElse("");
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }
}
