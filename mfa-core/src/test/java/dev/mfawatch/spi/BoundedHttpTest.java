package dev.mfawatch.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.spi.contract.LoopbackHttpService;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedHttpTest {

    /** Answers by path: a redirect here, one elsewhere, a large body, a trickle. */
    private static final class Service extends LoopbackHttpService {
        final List<String> seen = new CopyOnWriteArrayList<>();
        volatile String elsewhere = "";

        @Override
        protected void handle(HttpExchange x) throws IOException {
            String path = x.getRequestURI().getPath();
            seen.add(path + " " + x.getRequestHeaders().getFirst("Authorization"));
            switch (path) {
                case "/moved" -> send(x, 308, Map.of("Location", "/here"), "");
                case "/away" -> send(x, 302, Map.of("Location", elsewhere + "/here"), "");
                case "/loop" -> send(x, 302, Map.of("Location", "/loop"), "");
                case "/big" -> send(x, 200, "text/plain", "x".repeat(2048));
                case "/slow" -> {
                    x.sendResponseHeaders(200, 0);
                    try (OutputStream out = x.getResponseBody()) {
                        for (int i = 0; i < 50; i++) {
                            out.write('x');
                            out.flush();
                            Thread.sleep(100);
                        }
                    } catch (IOException | InterruptedException e) {
                        // the client gave up
                    }
                }
                default -> send(x, 200, "text/plain", "ok");
            }
        }
    }

    private final Service service = new Service();
    private final Service other = new Service();

    @AfterEach
    void stop() {
        service.close();
        other.close();
    }

    private BoundedHttp http(Duration timeout) {
        return new BoundedHttp("Acme", HttpClient.newHttpClient(), service.baseUri(), timeout, 1024, Clock.systemUTC(),
                () -> Instant.now().plusSeconds(30));
    }

    private static HttpRequest get(URI u) {
        return HttpRequest.newBuilder(u).header("Authorization", "Bearer s3cret").build();
    }

    @Test
    void aRedirectWithinTheOriginIsFollowedWithTheCredential() throws IOException {
        BoundedHttp http = http(Duration.ofSeconds(5));
        BoundedHttp.Answer a = http.send(BoundedHttpTest::get, service.baseUri().resolve("/moved"));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.text()).isEqualTo("ok");
        assertThat(a.uri().getPath()).isEqualTo("/here");
        assertThat(service.seen).containsExactly("/moved Bearer s3cret", "/here Bearer s3cret");
        assertThat(http.count()).isEqualTo(2);
    }

    @Test
    void aRedirectToAnotherOriginIsNotFollowed() {
        service.elsewhere = other.baseUri().toString();
        assertThatThrownBy(() -> http(Duration.ofSeconds(5)).send(BoundedHttpTest::get, service.baseUri().resolve("/away")))
                .isInstanceOf(MonitorException.class).hasMessageContaining("Acme redirected /away to another origin")
                .hasMessageNotContaining("s3cret");
        assertThat(other.seen).isEmpty();
        assertThat(http(Duration.ofSeconds(5)).sameOrigin(other.baseUri())).isFalse();
    }

    @Test
    void redirectsEndAfterFive() {
        assertThatThrownBy(() -> http(Duration.ofSeconds(5)).send(BoundedHttpTest::get, service.baseUri().resolve("/loop")))
                .hasMessageContaining("more than 5 times");
        assertThat(service.seen).hasSize(6);
    }

    @Test
    void aBodyOverTheCapFailsTheRequest() {
        assertThatThrownBy(() -> http(Duration.ofSeconds(5)).send(BoundedHttpTest::get, service.baseUri().resolve("/big")))
                .isInstanceOf(MonitorException.class).hasMessageContaining("Acme's answer to /big is larger than");
    }

    @Test
    void aTrickleIsCutAtTheRequestTimeout() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> http(Duration.ofMillis(500)).send(BoundedHttpTest::get, service.baseUri().resolve("/slow")))
                .isInstanceOf(BoundedHttp.NoAnswer.class).hasMessageContaining("no complete answer");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void noRequestStartsPastTheDeadline() {
        BoundedHttp late = new BoundedHttp("Acme", HttpClient.newHttpClient(), service.baseUri(), Duration.ofSeconds(5), 1024,
                Clock.systemUTC(), () -> Instant.now().minusSeconds(1));
        assertThatThrownBy(() -> late.send(BoundedHttpTest::get, service.baseUri().resolve("/here")))
                .isInstanceOf(BoundedHttp.NoAnswer.class).hasMessageContaining("time limit ran out");
        assertThat(service.seen).isEmpty();
    }

    @Test
    void helpersForMessagesHeadersAndWaits() throws IOException {
        assertThat(BoundedHttp.firstLine("  first\nsecond")).isEqualTo("first");
        assertThat(BoundedHttp.firstLine(null)).isEmpty();
        assertThat(BoundedHttp.firstLine("x".repeat(300))).hasSize(201).endsWith("…");
        BoundedHttp.Answer a = http(Duration.ofSeconds(5)).send(BoundedHttpTest::get, service.baseUri().resolve("/here"));
        assertThat(a.headerNumber("Content-Length")).hasValue(2);
        assertThat(a.headerNumber("Content-Type")).isEmpty();
        assertThat(a.headerNumber("Retry-After")).isEmpty();
        dev.mfawatch.spi.contract.TestClock clock = new dev.mfawatch.spi.contract.TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        java.util.List<Duration> slept = new java.util.ArrayList<>();
        Instant deadline = clock.instant().plusSeconds(10);
        assertThat(BoundedHttp.pauseWithin(clock, deadline, clock.sleeper(slept), Duration.ofSeconds(4), "Acme")).isTrue();
        assertThat(BoundedHttp.pauseWithin(clock, deadline, clock.sleeper(slept), Duration.ofSeconds(7), "Acme")).as("past the deadline")
                .isFalse();
        assertThat(slept).containsExactly(Duration.ofSeconds(4));
    }
}
