package dev.mfawatch.monitor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Reads the parts of CloudTrail's event JSON and of the monitors' cursors that mfa-watch needs. */
final class CloudTrailEvents {

    private final ObjectMapper json = new ObjectMapper();

    /** A console sign-in. */
    record SignIn(boolean success, @Nullable String mfaUsed, String identityType, @Nullable String arn,
                  @Nullable String userName, @Nullable String sourceIp, @Nullable String region) {
    }

    /** Who an IAM management event is about. */
    record Target(@Nullable String userName, boolean root) {
    }

    JsonNode parse(String eventJson) {
        try {
            return json.readTree(eventJson);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a CloudTrail event is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    SignIn signIn(String eventJson) {
        JsonNode e = parse(eventJson);
        JsonNode who = e.path("userIdentity");
        return new SignIn("Success".equals(e.path("responseElements").path("ConsoleLogin").asText(null)),
                e.path("additionalEventData").path("MFAUsed").asText(null), who.path("type").asText(""),
                who.path("arn").asText(null), who.path("userName").asText(null), e.path("sourceIPAddress").asText(null),
                e.path("awsRegion").asText(null));
    }

    Target target(String eventJson) {
        JsonNode e = parse(eventJson);
        String named = e.path("requestParameters").path("userName").asText(null);
        if (named != null) {
            return new Target(named, false);
        }
        // Without a userName parameter IAM acts on the caller itself: the root account, or an IAM user.
        JsonNode who = e.path("userIdentity");
        return "Root".equals(who.path("type").asText()) ? new Target(null, true)
                : new Target(who.path("userName").asText(null), false);
    }

    /** The state a cursor carries per key (region or ARN). */
    record Window(Instant until, List<String> seen) {
    }

    Map<String, Window> readWindows(String cursor, String field) {
        Map<String, Window> out = new TreeMap<>();
        if (cursor.isEmpty()) {
            return out;
        }
        JsonNode node = parse(cursor).path(field);
        node.fields().forEachRemaining(f -> {
            List<String> seen = new ArrayList<>();
            f.getValue().path("seen").forEach(s -> seen.add(s.asText()));
            out.put(f.getKey(), new Window(Instant.parse(f.getValue().path("until").asText()), seen));
        });
        return out;
    }

    Map<String, Instant> readTimes(String cursor, String field) {
        Map<String, Instant> out = new TreeMap<>();
        if (!cursor.isEmpty()) {
            parse(cursor).path(field).fields().forEachRemaining(f -> out.put(f.getKey(), Instant.parse(f.getValue().asText())));
        }
        return out;
    }

    String writeWindows(String field, Map<String, Window> windows) {
        ObjectNode root = json.createObjectNode();
        ObjectNode all = root.putObject(field);
        windows.forEach((k, w) -> {
            ObjectNode n = all.putObject(k);
            n.put("until", w.until().toString());
            w.seen().stream().sorted().forEach(n.putArray("seen")::add);
        });
        return root.toString();
    }

    String writeTimes(String field, Map<String, Instant> times) {
        if (times.isEmpty()) {
            return "";
        }
        ObjectNode root = json.createObjectNode();
        ObjectNode all = root.putObject(field);
        new TreeMap<>(times).forEach((k, v) -> all.put(k, v.toString()));
        return root.toString();
    }
}
