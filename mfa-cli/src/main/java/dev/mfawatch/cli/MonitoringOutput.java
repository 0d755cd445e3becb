package dev.mfawatch.cli;

import dev.mfawatch.core.MonitorOutcome;
import dev.mfawatch.core.MonitorStatus;
import dev.mfawatch.core.RunReport;
import dev.mfawatch.core.ScopeOutcome;
import dev.mfawatch.core.ScopeStatus;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.MfaState;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The run for monitoring systems: PRTG's EXE/Script Advanced XML and Prometheus' text format. */
final class MonitoringOutput {

    /** PRTG's text field holds at most 2,000 characters. */
    static final int PRTG_TEXT = 2000;

    private MonitoringOutput() {
    }

    /**
     * One channel per monitor with its count of accounts without MFA, in limit mode with an error above
     * zero, one channel with the failed monitors, and the names without MFA in {@code <text>}.
     */
    static String prtg(RunReport r) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<prtg>\n");
        for (MonitorOutcome m : r.monitors()) {
            sb.append("  <result>\n")
                    .append("    <channel>").append(xml(m.name() + ": accounts without MFA")).append("</channel>\n")
                    .append("    <value>").append(m.withoutMfa()).append("</value>\n")
                    .append("    <unit>Count</unit>\n")
                    .append("    <limitmode>1</limitmode>\n")
                    .append("    <limitmaxerror>0</limitmaxerror>\n")
                    .append("    <limiterrormsg>").append(xml(m.rule().title())).append("</limiterrormsg>\n")
                    .append("  </result>\n");
        }
        long failed = r.monitors().stream().filter(m -> m.status() != MonitorStatus.OK).count();
        sb.append("  <result>\n    <channel>monitors failed</channel>\n    <value>").append(failed)
                .append("</value>\n    <unit>Count</unit>\n    <limitmode>1</limitmode>\n    <limitmaxerror>0</limitmaxerror>\n")
                .append("    <limiterrormsg>a monitor could not scan: run mfa-watch run for details</limiterrormsg>\n  </result>\n");
        StringBuilder text = new StringBuilder();
        for (MonitorOutcome m : r.monitors()) {
            List<String> names = m.withoutMfaNames().stream().map(dev.mfawatch.spi.PlainText::printable).toList();
            if (!names.isEmpty()) {
                text.append(text.length() == 0 ? "" : "; ").append(m.name()).append(": ").append(String.join(", ", names));
            }
        }
        String t = text.length() == 0 ? "every account has MFA" : "without MFA: " + text;
        if (t.length() > PRTG_TEXT) {
            t = t.substring(0, PRTG_TEXT - 1) + "…";
        }
        sb.append("  <text>").append(xml(t)).append("</text>\n</prtg>\n");
        return sb.toString();
    }

    /** The Prometheus text exposition format (for node_exporter's textfile collector or a push). */
    static String prometheus(RunReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP mfawatch_accounts Accounts per monitor, scope and MFA state, from the latest snapshot of each scope.\n")
                .append("# TYPE mfawatch_accounts gauge\n");
        for (MonitorOutcome m : r.monitors()) {
            for (ScopeOutcome scope : m.scopes()) {
                // A scope never read has no counts yet: no sample says more than a sample of 0.
                if (scope.status() == ScopeStatus.GONE || scope.baseline() && scope.status() != ScopeStatus.OK) {
                    continue;
                }
                for (MfaState s : MfaState.values()) {
                    sb.append("mfawatch_accounts{monitor=\"").append(label(m.name())).append("\",scope=\"").append(label(scope.id()))
                            .append("\",state=\"").append(s.name()).append("\"} ").append(scope.byState().getOrDefault(s, 0)).append('\n');
                }
            }
        }
        // A gauge, not a counter: the file holds one run's changes, and a counter that falls back to a
        // small number each run would read as resets to rate() and increase().
        sb.append("# HELP mfawatch_run_changes Changes this run found, per monitor, scope, kind and severity.\n")
                .append("# TYPE mfawatch_run_changes gauge\n");
        Map<String, Integer> changes = new TreeMap<>();
        for (Change c : r.changes()) {
            changes.merge("monitor=\"" + label(c.monitor()) + "\",scope=\"" + label(c.scope()) + "\",kind=\"" + c.kind() + "\",severity=\"" + c.severity() + "\"",
                    1, Integer::sum);
        }
        changes.forEach((labels, n) -> sb.append("mfawatch_run_changes{").append(labels).append("} ").append(n).append('\n'));
        sb.append("# HELP mfawatch_monitor_up Whether the monitor's scan in this run succeeded (1) or not (0).\n")
                .append("# TYPE mfawatch_monitor_up gauge\n");
        for (MonitorOutcome m : r.monitors()) {
            sb.append("mfawatch_monitor_up{monitor=\"").append(label(m.name())).append("\",type=\"").append(label(m.type()))
                    .append("\",status=\"").append(m.status().name().toLowerCase(Locale.ROOT)).append("\"} ")
                    .append(m.status() == MonitorStatus.OK ? 1 : 0).append('\n');
        }
        sb.append("# HELP mfawatch_scope_up Whether each scope of a monitor was read in this run (1) or not (0).\n")
                .append("# TYPE mfawatch_scope_up gauge\n");
        for (MonitorOutcome m : r.monitors()) {
            for (ScopeOutcome scope : m.scopes()) {
                if (scope.status() != ScopeStatus.GONE) {
                    sb.append("mfawatch_scope_up{monitor=\"").append(label(m.name())).append("\",scope=\"").append(label(scope.id()))
                            .append("\",status=\"").append(scope.status().name().toLowerCase(Locale.ROOT)).append("\"} ")
                            .append(scope.status() == ScopeStatus.OK ? 1 : 0).append('\n');
                }
            }
        }
        sb.append("# HELP mfawatch_last_run_timestamp_seconds When this run finished, in seconds since the epoch.\n")
                .append("# TYPE mfawatch_last_run_timestamp_seconds gauge\n")
                .append("mfawatch_last_run_timestamp_seconds ").append(r.finishedAt().getEpochSecond()).append('\n');
        return sb.toString();
    }

    static String xml(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (cp >= 0x20 || cp == '\t') {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }

    static String label(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
