package dev.mfawatch.monitor.okta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Where the last scan left off, kept in the snapshot: which org it read, when every user was last
 * read in full, up to when the System Log was read, and the events already acted on inside the
 * overlap (by uuid, with their time), so an event read twice is not acted on twice.
 */
record OktaCursor(String org, Instant fullScanAt, Instant logsUntil, Map<String, Instant> seen) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static @Nullable OktaCursor parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || n.path("v").asInt() != 1) {
                return null;
            }
            Map<String, Instant> seen = new TreeMap<>();
            n.path("seen").fields().forEachRemaining(e -> seen.put(e.getKey(), Instant.parse(e.getValue().asText())));
            return new OktaCursor(n.path("org").asText(""), Instant.parse(n.path("fullScanAt").asText()),
                    Instant.parse(n.path("logsUntil").asText()), seen);
        } catch (IOException | DateTimeParseException e) {
            return null;
        }
    }

    String write() {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", 1);
        n.put("org", org);
        n.put("fullScanAt", fullScanAt.toString());
        n.put("logsUntil", logsUntil.toString());
        ObjectNode s = n.putObject("seen");
        new TreeMap<>(seen).forEach((k, v) -> s.put(k, v.toString()));
        return n.toString();
    }
}
