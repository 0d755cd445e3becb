package dev.mfawatch.notifier.slack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs one body with the retry rules of a chat webhook: 2xx is done; 429 waits {@code Retry-After}
 * (bounded) and tries again; 5xx, timeouts and broken connections are tried again with a doubling
 * pause, a bounded number of times; any other answer is final. Messages name the receiver's answer,
 * never the URL, which is a secret.
 */
final class HttpPoster {

    /** Waits; tests record instead. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** The post did not get through; {@link #mayHaveArrived} when a timeout hid the answer. */
    static final class Failed extends IOException {
        private static final long serialVersionUID = 1L;
        final boolean mayHaveArrived;

        Failed(String message, boolean mayHaveArrived) {
            super(message);
            this.mayHaveArrived = mayHaveArrived;
        }
    }

    static final int ATTEMPTS = 4;
    static final int RATE_LIMIT_RETRIES = 5;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY_AFTER = Duration.ofSeconds(60);

    private final HttpClient client;
    private final URI url;
    private final Duration timeout;
    private final Sleeper sleeper;
    private final String receiver;

    HttpPoster(HttpClient client, URI url, Duration timeout, Sleeper sleeper, String receiver) {
        this.client = client;
        this.url = url;
        this.timeout = timeout;
        this.sleeper = sleeper;
        this.receiver = receiver;
    }

    /** Posts and returns the answer's body. */
    String post(byte[] body, Map<String, String> headers) throws IOException {
        Duration backoff = FIRST_BACKOFF;
        int attempts = 0;
        int limited = 0;
        boolean mayHaveArrived = false;
        String last = "";
        while (true) {
            HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(req::header);
            attempts++;
            try {
                HttpResponse<String> answer = client.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = answer.statusCode();
                String text = answer.body() == null ? "" : answer.body().strip();
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
            } catch (HttpTimeoutException e) {
                // The receiver may have taken the message and only its answer got lost.
                mayHaveArrived = true;
                last = "no answer within " + timeout.toSeconds() + "s";
            } catch (Failed e) {
                throw e;
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + redact(e.getMessage());
            } catch (InterruptedException e) {
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

    private void pause(Duration d) throws Failed {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted while waiting to retry " + receiver, false);
        }
    }

    private String redact(String message) {
        return message == null ? "" : ": " + message.replace(url.toString(), "****").replace(url.getHost(), "****");
    }

    static Duration retryAfter(String header) {
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
