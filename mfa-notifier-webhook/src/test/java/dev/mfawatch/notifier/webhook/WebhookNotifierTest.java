package dev.mfawatch.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.NotifierException;
import dev.mfawatch.spi.HttpPoster;
import dev.mfawatch.spi.Notifier;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.contract.Fixtures;
import dev.mfawatch.spi.contract.NotifierContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest extends NotifierContract {

    private static final Instant NOW = Instant.parse("2026-01-05T08:00:00Z");
    private static final String SECRET = "whsec_CANARY_4f1c";
    private final FakeReceiver receiver = new FakeReceiver();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Notifier webhook(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        m.put("url", receiver.url());
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return new WebhookNotifierProvider(d -> { }, Clock.fixed(NOW, ZoneOffset.UTC))
                .create(Settings.of("mfawatch.notifier.hook", m));
    }

    @Override
    protected Notifier subject() {
        return webhook();
    }

    @Override
    protected List<String> delivered() {
        return receiver.accepted;
    }

    @Test
    void theBodyCarriesTheSameChangeObjectsAsTheCommandLine() throws IOException {
        List<Change> changes = Fixtures.mixedChanges("gh");
        webhook().deliver(changes);
        JsonNode body = json.readTree(receiver.accepted.get(0));
        assertThat(body.path("source").asText()).isEqualTo("mfa-watch");
        assertThat(body.path("sentAt").asText()).isEqualTo(NOW.toString());
        assertThat(body.path("changes")).hasSize(5);
        JsonNode first = body.path("changes").get(0);
        assertThat(json.convertValue(first, Map.class)).isEqualTo(json.convertValue(json.valueToTree(changes.get(0).toJsonMap()), Map.class));
        assertThat(first.path("kind").asText()).isEqualTo("MFA_DISABLED");
        assertThat(first.path("account").path("name").asText()).isEqualTo("alice");
        assertThat(receiver.headers.get(0)).doesNotContainKey("X-mfawatch-signature");
    }

    @Test
    void aSecretSignsTheBodyWithATimestamp() throws Exception {
        webhook("secret", SECRET).deliver(Fixtures.mixedChanges("gh"));
        String header = receiver.headers.get(0).get("X-mfawatch-signature").get(0);
        assertThat(header).startsWith("t=" + NOW.getEpochSecond() + ",v1=");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((NOW.getEpochSecond() + ".").getBytes(StandardCharsets.UTF_8));
        String expected = HexFormat.of().formatHex(mac.doFinal(receiver.received.get(0).getBytes(StandardCharsets.UTF_8)));
        assertThat(header).endsWith("v1=" + expected);
    }

    @Test
    void failuresKeepTheWholeBatchAndNameNeitherUrlNorSecret() {
        receiver.status = 503;
        List<Change> changes = Fixtures.mixedChanges("gh");
        assertThatThrownBy(() -> webhook("secret", SECRET).deliver(changes)).isInstanceOf(NotifierException.class)
                .hasMessageStartingWith("webhook delivery failed: the webhook did not take the message after 4 attempts")
                .satisfies(e -> {
                    assertThat(((NotifierException) e).undelivered()).contains(changes);
                    assertThat(e.getMessage()).doesNotContain(FakeReceiver.PATH, SECRET);
                });
        assertThat(webhook("secret", SECRET).toString()).doesNotContain(SECRET, FakeReceiver.PATH);
        assertThat(receiver.received).hasSize(HttpPoster.ATTEMPTS);
    }

    @Test
    void aRefusedBodyIsNotSentAgainAndTheRefusalIsNamed() {
        receiver.status = 410;
        assertThatThrownBy(() -> webhook().deliver(Fixtures.mixedChanges("gh")))
                .hasMessage("webhook delivery failed: the webhook refused the message: 410 unavailable");
        assertThat(receiver.received).hasSize(1);
    }

    @Test
    void theUrlIsASecretAndMustBeAnHttpUrl() {
        assertThatThrownBy(() -> new WebhookNotifierProvider().create(Settings.of("mfawatch.notifier.hook",
                Map.of("url", "ftp://hooks.example/secret-path")))).hasMessage("mfawatch.notifier.hook.url=(value hidden) is not an http(s) URL");
        assertThatThrownBy(() -> new WebhookNotifierProvider().create(Settings.of("mfawatch.notifier.hook", Map.of())))
                .hasMessage("mfawatch.notifier.hook.url is required but not set");
    }

    @Test
    void aReceiverThatDripsItsAnswerCannotHoldTheRun() {
        receiver.dripMillis = 200;
        long started = System.nanoTime();
        assertThatThrownBy(() -> webhook("timeout", "500ms").deliver(Fixtures.mixedChanges("gh")))
                .isInstanceOf(NotifierException.class).hasMessageContaining("no complete answer within 500ms");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(15));
    }

    @Test
    void aHugeAnswerIsReadOnlyUpToTheCap() {
        receiver.hugeAnswer = 200L << 20;
        long started = System.nanoTime();
        webhook().deliver(Fixtures.mixedChanges("gh"));
        assertThat(receiver.accepted).hasSize(1);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(15));
    }

    @Test
    void eachAttemptIsSignedWithItsOwnTime() throws Exception {
        receiver.script.add(503);
        receiver.script.add(503);
        dev.mfawatch.spi.contract.TestClock clock = new dev.mfawatch.spi.contract.TestClock(NOW);
        Notifier n = new WebhookNotifierProvider(clock.sleeper(new java.util.ArrayList<>()), clock)
                .create(Settings.of("mfawatch.notifier.hook", Map.of("url", receiver.url(), "secret", SECRET)));
        n.deliver(Fixtures.mixedChanges("gh"));
        List<String> stamps = receiver.headers.stream().map(h -> h.get("X-mfawatch-signature").get(0)).toList();
        assertThat(stamps).hasSize(3).doesNotHaveDuplicates();
        for (int i = 0; i < 3; i++) {
            String t = stamps.get(i).substring(2, stamps.get(i).indexOf(','));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            assertThat(stamps.get(i)).endsWith("v1=" + HexFormat.of().formatHex(mac.doFinal(receiver.received.get(i).getBytes(StandardCharsets.UTF_8))));
        }
        // The retries waited 1s and 2s on the test clock: each signature carries its attempt's time.
        assertThat(stamps.get(1)).startsWith("t=" + (NOW.getEpochSecond() + 1) + ",");
        assertThat(stamps.get(2)).startsWith("t=" + (NOW.getEpochSecond() + 3) + ",");
    }

    @Test
    void aLargeBacklogGoesOutInPartsUnderOneRef() throws IOException {
        List<Change> many = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            many.addAll(Fixtures.mixedChanges("gh" + i));
        }
        webhook("max-body", "2KB").deliver(many);
        List<JsonNode> bodies = new java.util.ArrayList<>();
        for (String b : receiver.accepted) {
            assertThat(b.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2048);
            bodies.add(json.readTree(b));
        }
        assertThat(bodies).hasSizeGreaterThan(1);
        assertThat(bodies).extracting(b -> b.path("ref").asText()).containsOnly(bodies.get(0).path("ref").asText());
        assertThat(bodies).extracting(b -> b.path("part").asInt()).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, bodies.size()).boxed().toList());
        assertThat(bodies).extracting(b -> b.path("parts").asInt()).containsOnly(bodies.size());
        List<String> ids = new java.util.ArrayList<>();
        bodies.forEach(b -> b.path("changes").forEach(c -> ids.add(c.path("id").asText())));
        assertThat(ids).containsExactlyElementsOf(many.stream().map(Change::id).toList());
    }
}
