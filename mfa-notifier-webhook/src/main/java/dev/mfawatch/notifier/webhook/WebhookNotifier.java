package dev.mfawatch.notifier.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.NotifierException;
import dev.mfawatch.model.Severity;
import dev.mfawatch.spi.HttpPoster;
import dev.mfawatch.spi.Notifier;
import dev.mfawatch.spi.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * {@code webhook}: POSTs the run's changes as JSON documents, the same change objects as the command
 * line's JSON output, in parts of at most {@code max-body} bytes that share one {@code ref} and say
 * {@code part} and {@code parts}, so a receiver's body limit cannot wedge a large backlog. With a
 * {@code secret}, each attempt is signed with its own time:
 * {@code X-MfaWatch-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}, so a receiver
 * can check the sender and refuse old (replayed) deliveries, and a retry minutes later still passes.
 */
final class WebhookNotifier implements Notifier {

    static final String SIGNATURE = "X-MfaWatch-Signature";

    /** Room for the fields around the changes ({@code source}, {@code sentAt}, {@code ref}, {@code part}, {@code parts}). */
    private static final int ENVELOPE = 256;

    private final HttpPoster poster;
    private final @Nullable Secret secret;
    private final Severity minSeverity;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    private final int maxBody;

    WebhookNotifier(HttpPoster poster, @Nullable Secret secret, Severity minSeverity, Clock clock, int maxBody) {
        this.maxBody = maxBody;
        this.poster = poster;
        this.secret = secret;
        this.minSeverity = minSeverity;
        this.clock = clock;
    }

    @Override
    public void deliver(List<Change> changes) {
        List<Change> due = changes.stream().filter(c -> c.severity().isAtLeast(minSeverity)).toList();
        if (due.isEmpty()) {
            return;
        }
        String ref = Notifier.batchRef(due, 1);
        String sentAt = clock.instant().toString();
        List<List<Change>> parts = split(due);
        for (int i = 0; i < parts.size(); i++) {
            byte[] body = body(ref, sentAt, i + 1, parts.size(), parts.get(i));
            try {
                poster.post(body, () -> secret == null ? Map.of() : Map.of(SIGNATURE, sign(body)));
            } catch (HttpPoster.Failed e) {
                List<Change> undelivered = parts.subList(i, parts.size()).stream().flatMap(List::stream).toList();
                throw new NotifierException("webhook delivery failed: " + e.getMessage()
                        + (parts.size() > 1 ? " (part " + (i + 1) + " of " + parts.size() + ", ref " + ref + ")" : ""), undelivered, null);
            }
        }
    }

    /** The changes in parts whose bodies stay within {@code max-body}; a change larger than that goes alone. */
    private List<List<Change>> split(List<Change> due) {
        List<List<Change>> parts = new ArrayList<>();
        List<Change> current = new ArrayList<>();
        int size = ENVELOPE;
        for (Change c : due) {
            int one = json.valueToTree(c.toJsonMap()).toString().getBytes(StandardCharsets.UTF_8).length + 1;
            if (!current.isEmpty() && size + one > maxBody) {
                parts.add(current);
                current = new ArrayList<>();
                size = ENVELOPE;
            }
            current.add(c);
            size += one;
        }
        parts.add(current);
        return parts;
    }

    private byte[] body(String ref, String sentAt, int part, int parts, List<Change> changes) {
        ObjectNode root = json.createObjectNode();
        root.put("source", "mfa-watch");
        root.put("sentAt", sentAt);
        root.put("ref", ref);
        root.put("part", part);
        root.put("parts", parts);
        ArrayNode list = root.putArray("changes");
        changes.forEach(c -> list.add(json.valueToTree(c.toJsonMap())));
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    String sign(byte[] body) {
        long t = clock.instant().getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must provide HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookNotifier[url=****, signed=" + (secret != null) + ", min-severity=" + minSeverity + ", max-body=" + maxBody + "]";
    }
}
