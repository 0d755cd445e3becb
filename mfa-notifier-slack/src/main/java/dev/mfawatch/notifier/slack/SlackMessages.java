package dev.mfawatch.notifier.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.Severity;
import dev.mfawatch.spi.Notifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lays a run's changes out as Block Kit messages within Slack's limits: a header with the verdict,
 * changes grouped by monitor (the most severe monitor and change first), a context line with the
 * message's reference, and a plain {@code text} for notifications. A large batch becomes several
 * ordered messages, "part 2 of 5".
 */
final class SlackMessages {

    static final int MAX_BLOCKS = 50;
    static final int MAX_SECTION = 3000;
    static final int MAX_HEADER = 150;
    static final int LINES_PER_SECTION = 10;

    /** One message: its JSON, the changes it carries, its reference. */
    record Message(String json, List<Change> changes, String ref) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final String mention;

    SlackMessages(String mention) {
        this.mention = mention;
    }

    List<Message> build(List<Change> changes) {
        List<List<Section>> parts = pack(sections(changes));
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            out.add(message(parts.get(i), i + 1, parts.size(), i == 0));
        }
        return out;
    }

    /** A section's text and the changes in it. */
    private record Section(String text, List<Change> changes) {
    }

    private List<Section> sections(List<Change> changes) {
        Map<String, List<Change>> byMonitor = new LinkedHashMap<>();
        for (Change c : changes) {
            byMonitor.computeIfAbsent(c.monitor(), m -> new ArrayList<>()).add(c);
        }
        Comparator<Change> severe = Comparator.comparing(Change::severity).reversed();
        List<Map.Entry<String, List<Change>>> groups = new ArrayList<>(byMonitor.entrySet());
        groups.forEach(g -> g.getValue().sort(severe));
        groups.sort(Comparator.comparing((Map.Entry<String, List<Change>> g) -> g.getValue().get(0).severity()).reversed());
        List<Section> sections = new ArrayList<>();
        for (Map.Entry<String, List<Change>> g : groups) {
            StringBuilder text = new StringBuilder("*Monitor* `" + SlackText.outside(g.getKey()) + "` — "
                    + g.getValue().size() + (g.getValue().size() == 1 ? " change" : " changes"));
            String remedy = g.getValue().stream().map(SlackText::remedy).filter(r -> !r.isEmpty()).findFirst().orElse("");
            if (!remedy.isEmpty()) {
                text.append("\n_").append(remedy).append('_');
            }
            List<Change> in = new ArrayList<>();
            for (Change c : g.getValue()) {
                // Every part of a line is bounded, but a line is cut too, so no input can exceed a section.
                String line = SlackText.bounded(SlackText.line(c), MAX_SECTION);
                if (in.size() >= LINES_PER_SECTION || text.length() + 1 + line.length() > MAX_SECTION) {
                    if (!text.isEmpty()) {
                        sections.add(new Section(text.toString(), in));
                    }
                    text = new StringBuilder();
                    in = new ArrayList<>();
                }
                text.append(text.length() == 0 ? "" : "\n").append(line);
                in.add(c);
            }
            sections.add(new Section(text.toString(), in));
        }
        return sections;
    }

    private static List<List<Section>> pack(List<Section> sections) {
        // A header and a context block frame every message.
        int perMessage = MAX_BLOCKS - 2 - 1;
        List<List<Section>> parts = new ArrayList<>();
        for (int i = 0; i < sections.size(); i += perMessage) {
            parts.add(sections.subList(i, Math.min(sections.size(), i + perMessage)));
        }
        return parts;
    }

    private Message message(List<Section> sections, int part, int parts, boolean first) {
        List<Change> changes = new ArrayList<>();
        sections.forEach(s -> changes.addAll(s.changes()));
        String ref = Notifier.batchRef(changes, part);
        String partText = parts > 1 ? " (part " + part + " of " + parts + ")" : "";
        boolean urgent = changes.stream().anyMatch(c -> c.severity().isAtLeast(Severity.HIGH));
        ObjectNode root = json.createObjectNode();
        String counts = counts(changes);
        root.put("text", (urgent && !mention.isEmpty() ? mention + " " : "") + "mfa-watch: " + counts + partText);
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("emoji", true).put("text", bounded(verdict(changes) + partText));
        if (first && urgent && !mention.isEmpty()) {
            section(blocks, mention + " these need someone now.");
        }
        for (Section s : sections) {
            section(blocks, s.text());
        }
        long delayed = changes.stream().filter(Change::delayed).count();
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text", "mfa-watch · message ref `" + ref + "`"
                + (parts > 1 ? " · part " + part + " of " + parts : "")
                + (delayed > 0 ? " · " + delayed + " delayed from an earlier run" : "")
                + " · the same ref twice is one message sent again");
        return new Message(root.toString(), List.copyOf(changes), ref);
    }

    private static void section(ArrayNode blocks, String text) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", text);
    }

    static String verdict(List<Change> changes) {
        long act = changes.stream().filter(c -> c.severity().isAtLeast(Severity.HIGH)).count();
        long info = changes.size() - act;
        if (act == 0) {
            return "mfa-watch: " + info + (info == 1 ? " change" : " changes") + " for information";
        }
        return ":rotating_light: mfa-watch: " + act + " to act on" + (info > 0 ? ", " + info + " for information" : "");
    }

    static String counts(List<Change> changes) {
        Map<Severity, Integer> by = new EnumMap<>(Severity.class);
        changes.forEach(c -> by.merge(c.severity(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.INFO)) {
            if (by.containsKey(s)) {
                parts.add(by.get(s) + " " + s.name().toLowerCase(Locale.ROOT));
            }
        }
        return String.join(", ", parts) + (changes.size() == 1 ? " change" : " changes");
    }

    private static String bounded(String s) {
        return s.length() <= MAX_HEADER ? s : s.substring(0, MAX_HEADER - 1) + "…";
    }
}
