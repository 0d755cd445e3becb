package dev.mfawatch.notifier.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.mfawatch.spi.contract.LoopbackHttpService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A loopback Slack incoming webhook. It answers as Slack does (plain-text {@code ok} or an error
 * code, 429 with {@code Retry-After}, 5xx, slow answers) and checks every message it is sent against
 * Slack's limits, refusing with {@code invalid_payload} (and noting why) if one is broken.
 */
final class FakeSlack extends LoopbackHttpService {

    static final String PATH = "/services/T0CANARY/B0CANARY/xoxbCanarySecret42";

    /** One way to answer. */
    enum Answer { OK, INVALID_PAYLOAD, NO_SERVICE, ARCHIVED, RATE_LIMITED, SERVER_ERROR, SLOW_OK }

    final Deque<Answer> script = new ArrayDeque<>();
    volatile Supplier<Answer> otherwise = () -> Answer.OK;
    volatile long slowMillis = 1500;
    volatile String retryAfter = "2";
    final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    /** Bodies Slack took but answered after the client's timeout. */
    final Set<String> slowBodies = Collections.synchronizedSet(new HashSet<>());
    final List<String> received = Collections.synchronizedList(new ArrayList<>());
    final List<Map<String, List<String>>> headers = Collections.synchronizedList(new ArrayList<>());
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final ObjectMapper json = new ObjectMapper();
    volatile boolean checkSlackLimits = true;

    String url() {
        return baseUri() + PATH;
    }

    @Override
    protected void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(body);
            headers.add(Map.copyOf(ex.getRequestHeaders()));
            if (!ex.getRequestURI().getPath().equals(PATH)) {
                send(ex, 404, "no_service");
                return;
            }
            if (checkSlackLimits) {
                String broken = check(body);
                if (broken != null) {
                    violations.add(broken);
                    send(ex, 400, "invalid_payload");
                    return;
                }
            }
            Answer a;
            synchronized (script) {
                a = script.isEmpty() ? otherwise.get() : script.poll();
            }
            switch (a) {
                case OK -> {
                    accepted.add(body);
                    send(ex, 200, "ok");
                }
                case SLOW_OK -> {
                    // Slack takes the message, but the answer comes after the client gave up.
                    accepted.add(body);
                    slowBodies.add(body);
                    sleep(slowMillis);
                    send(ex, 200, "ok");
                }
                case INVALID_PAYLOAD -> send(ex, 400, "invalid_payload");
                case NO_SERVICE -> send(ex, 404, "no_service");
                case ARCHIVED -> send(ex, 410, "channel_is_archived");
                case RATE_LIMITED -> {
                    ex.getResponseHeaders().add("Retry-After", retryAfter);
                    send(ex, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
                }
                case SERVER_ERROR -> send(ex, 500, "rollup_error");
                default -> throw new IllegalStateException();
            }
        } catch (IOException e) {
            // The client hung up (a timeout): nothing more to say.
        }
    }

    /** What is wrong with a message by Slack's rules, or null. */
    private String check(String body) {
        JsonNode m;
        try {
            m = json.readTree(body);
        } catch (IOException e) {
            return "not JSON";
        }
        if (m.path("text").asText("").isBlank()) {
            return "no fallback text";
        }
        JsonNode blocks = m.path("blocks");
        if (blocks.size() > 50) {
            return "more than 50 blocks: " + blocks.size();
        }
        for (JsonNode b : blocks) {
            String type = b.path("type").asText();
            String text = b.path("text").path("text").asText("");
            if (type.equals("header") && (!b.path("text").path("type").asText().equals("plain_text") || text.length() > 150)) {
                return "bad header";
            }
            if (type.equals("section") && text.length() > 3000) {
                return "section longer than 3000: " + text.length();
            }
        }
        return null;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, "text/plain", body);
    }

}
