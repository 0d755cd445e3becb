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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * {@code webhook}: POSTs the run's changes as one JSON document, the same change objects as the
 * command line's JSON output. With a {@code secret}, the body is signed:
 * {@code X-MfaWatch-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}, so a receiver
 * can check the sender and refuse old (replayed) deliveries.
 */
final class WebhookNotifier implements Notifier {

    static final String SIGNATURE = "X-MfaWatch-Signature";

    private final HttpPoster poster;
    private final @Nullable Secret secret;
    private final Severity minSeverity;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    WebhookNotifier(HttpPoster poster, @Nullable Secret secret, Severity minSeverity, Clock clock) {
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
        ObjectNode root = json.createObjectNode();
        root.put("source", "mfa-watch");
        root.put("sentAt", clock.instant().toString());
        root.put("ref", Notifier.batchRef(due, 1));
        ArrayNode list = root.putArray("changes");
        due.forEach(c -> list.add(json.valueToTree(c.toJsonMap())));
        byte[] body = root.toString().getBytes(StandardCharsets.UTF_8);
        try {
            poster.post(body, secret == null ? Map.of() : Map.of(SIGNATURE, sign(body)));
        } catch (HttpPoster.Failed e) {
            throw new NotifierException("webhook delivery failed: " + e.getMessage(), due, null);
        }
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
        return "WebhookNotifier[url=****, signed=" + (secret != null) + ", min-severity=" + minSeverity + "]";
    }
}
