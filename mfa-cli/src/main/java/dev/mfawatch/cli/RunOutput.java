package dev.mfawatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mfawatch.core.MonitorOutcome;
import dev.mfawatch.core.RunReport;
import dev.mfawatch.core.ScopeOutcome;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.Change;
import dev.mfawatch.spi.PlainText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Writes a run report as a table for people or as one JSON object for scripts. */
final class RunOutput {

    private final ObjectMapper json = new ObjectMapper();

    /**
     * The run as one line of JSON: {@code startedAt}, {@code finishedAt}, {@code monitors},
     * {@code changes}, {@code pendingDeliveries}.
     */
    String json(RunReport r) {
        ObjectNode root = json.createObjectNode();
        root.put("startedAt", r.startedAt().toString());
        root.put("finishedAt", r.finishedAt().toString());
        ArrayNode monitors = root.putArray("monitors");
        for (MonitorOutcome m : r.monitors()) {
            ObjectNode n = monitors.addObject();
            n.put("name", m.name());
            n.put("type", m.type());
            n.put("status", m.status().name().toLowerCase(Locale.ROOT));
            n.put("accounts", m.accounts());
            n.put("withoutMfa", m.withoutMfa());
            n.put("exempt", m.exempt());
            if (m.error() != null) {
                n.put("error", m.error());
            }
            if (!m.warnings().isEmpty()) {
                m.warnings().forEach(n.putArray("warnings")::add);
            }
            ArrayNode scopes = n.putArray("scopes");
            for (ScopeOutcome s : m.scopes()) {
                ObjectNode sn = scopes.addObject().put("id", s.id()).put("status", s.status().name().toLowerCase(Locale.ROOT))
                        .put("accounts", s.accounts()).put("withoutMfa", s.withoutMfa()).put("exempt", s.exempt());
                if (s.error() != null) {
                    sn.put("error", s.error());
                }
            }
            n.putObject("rule").put("id", m.rule().id()).put("title", m.rule().title())
                    .put("description", m.rule().description()).put("category", m.rule().category())
                    .put("severity", m.rule().severity().name()).put("remediation", m.rule().remediation())
                    .put("link", m.rule().link());
        }
        ArrayNode changes = root.putArray("changes");
        for (Change c : r.changes()) {
            changes.add(change(c));
        }
        // -1 means the store could not say; a count it cannot vouch for is null, never 0.
        if (r.pending() < 0) {
            root.putNull("pendingDeliveries");
        } else {
            root.put("pendingDeliveries", r.pending());
        }
        if (r.deadLetters() < 0) {
            root.putNull("deadLetters");
        } else {
            root.put("deadLetters", r.deadLetters());
        }
        if (!r.warnings().isEmpty()) {
            r.warnings().forEach(root.putArray("warnings")::add);
        }
        return root.toString();
    }

    ObjectNode change(Change c) {
        return json.valueToTree(c.toJsonMap());
    }

    /**
     * The run as tables: the changes, then one line per monitor. When a monitor watches more than its
     * default scope, both tables gain a SCOPE column and that monitor one line per scope.
     */
    String table(RunReport r) {
        boolean scoped = r.monitors().stream().anyMatch(MonitorOutcome::scoped);
        StringBuilder sb = new StringBuilder();
        if (r.changes().isEmpty()) {
            sb.append("No changes.\n");
        } else {
            sb.append("Changes (").append(r.changes().size()).append(")\n");
            List<String[]> rows = new ArrayList<>();
            rows.add(withScope(scoped, new String[] {"SEVERITY", "KIND", "MONITOR", "ACCOUNT", "BEFORE", "AFTER"}, "SCOPE"));
            for (Change c : r.changes()) {
                rows.add(withScope(scoped, new String[] {c.severity().name(), c.kind().name(), c.monitor(),
                        PlainText.printable(c.subjectName()), state(c.before()), state(c.after())}, c.scope()));
            }
            sb.append(columns(rows));
        }
        sb.append('\n').append("Monitors\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(withScope(scoped, new String[] {"NAME", "TYPE", "STATUS", "ACCOUNTS", "WITHOUT MFA", "EXEMPT", "CHANGES"}, "SCOPE"));
        for (MonitorOutcome m : r.monitors()) {
            rows.add(withScope(scoped, new String[] {m.name(), m.type(), m.status().name().toLowerCase(Locale.ROOT),
                    String.valueOf(m.accounts()), String.valueOf(m.withoutMfa()), String.valueOf(m.exempt()),
                    String.valueOf(m.changes())}, m.scoped() ? "(" + m.scopes().size() + ")" : ""));
            if (m.scoped()) {
                for (ScopeOutcome s : m.scopes()) {
                    rows.add(withScope(true, new String[] {"", "", s.status().name().toLowerCase(Locale.ROOT),
                            String.valueOf(s.accounts()), String.valueOf(s.withoutMfa()), String.valueOf(s.exempt()),
                            String.valueOf(s.changes())}, PlainText.printable(s.id())));
                }
            }
        }
        sb.append(columns(rows));
        for (MonitorOutcome m : r.monitors()) {
            if (m.withoutMfa() > 0 || m.changes() > 0) {
                sb.append("  ").append(m.name()).append(": ").append(m.rule().title()).append('\n')
                        .append("    fix: ").append(m.rule().remediation())
                        .append(m.rule().link().isEmpty() ? "" : " " + m.rule().link()).append('\n');
            }
            if (m.error() != null) {
                sb.append("  ! ").append(PlainText.printable(m.error())).append('\n');
            }
            m.warnings().forEach(w -> sb.append("  ~ ").append(PlainText.printable(w)).append('\n'));
        }
        r.deliveries().stream().filter(d -> d.error() != null)
                .forEach(d -> sb.append("  ! ").append(PlainText.printable(d.error())).append('\n'));
        r.warnings().forEach(w -> sb.append("  ~ ").append(PlainText.printable(w)).append('\n'));
        if (r.pending() > 0) {
            sb.append("Pending deliveries: ").append(r.pending()).append(" (delivered by the next run)\n");
        }
        if (r.deadLetters() > 0) {
            sb.append("Dead letters: ").append(r.deadLetters()).append(" (reached no one: mfa-watch deliveries list, then retry or drop)\n");
        }
        return sb.toString();
    }

    /** The row with the scope as its second column after the monitor's, or as it is. */
    private static String[] withScope(boolean scoped, String[] row, String scope) {
        if (!scoped) {
            return row;
        }
        int at = row[0].equals("NAME") || row.length == 7 ? 1 : 3;
        String[] out = new String[row.length + 1];
        System.arraycopy(row, 0, out, 0, at);
        out[at] = scope;
        System.arraycopy(row, at, out, at + 1, row.length - at);
        return out;
    }

    static String state(@Nullable Account a) {
        if (a == null) {
            return "-";
        }
        return a.weak() ? a.state() + " (weak)" : a.state().name();
    }

    static String columns(List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(width[i] - row[i].length() + 2));
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
