package dev.mfawatch.cli;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.Exemption;
import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.Severity;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.HistoryRecord;
import dev.mfawatch.spi.PlainText;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The MFA coverage report as one self-contained HTML page: inline CSS and an SVG chart drawn here,
 * nothing fetched (its Content-Security-Policy forbids it), so it works offline, as a CI artifact
 * and in an e-mail. Every text that came from a service is made printable and escaped. The chart has
 * a table with the same numbers, every line has its own dash pattern, marker and label besides its
 * colour, and the page prints on A4. A pure function of its input: the same data gives the same bytes.
 */
final class HtmlReport {

    /** One monitor's part of the report. */
    record MonitorData(String name, FindingRule rule, List<Snapshot> scopes, List<HistoryRecord> history) {
    }

    /** A coverage point: one day's latest numbers of a monitor, summed over its scopes. */
    record Point(LocalDate day, int accounts, int withoutMfa, int weak, int exempt) {
        double coverage() {
            return accounts == 0 ? 1.0 : (accounts - withoutMfa - exempt) / (double) accounts;
        }
    }

    /** A finding open now. */
    private record Finding(String monitor, String scope, Account account, FindingRule rule, @org.jspecify.annotations.Nullable Instant since,
                           @org.jspecify.annotations.Nullable Instant historyStart) {
    }

    // Okabe and Ito's palette, told apart by people with any common colour blindness; the dash
    // patterns and markers tell the lines apart in grey print too.
    private static final String[] COLOURS = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"};
    private static final String[] DASHES = {"", "8 4", "2 4", "10 4 2 4"};
    private static final String[] MARKERS = {"circle", "square", "triangle", "diamond"};
    private static final int CHANGES_SHOWN = 300;
    private static final Duration STALE = Duration.ofDays(7);
    private static final int W = 900;
    private static final int H = 320;
    private static final int LEFT = 48;
    private static final int RIGHT = 150;
    private static final int TOP = 16;
    private static final int BOTTOM = 36;

    private final Instant now;
    private final Instant since;
    private final List<MonitorData> monitors;
    private final List<Exemption> exemptions;

    HtmlReport(Instant now, Instant since, List<MonitorData> monitors, List<Exemption> exemptions) {
        this.now = now;
        this.since = since;
        this.monitors = List.copyOf(monitors);
        this.exemptions = List.copyOf(exemptions);
    }

    // ----- the numbers ------------------------------------------------------------------------------

    /** A monitor's coverage by day: on each day with a run, the latest record of every scope seen so far. */
    static List<Point> series(List<HistoryRecord> history) {
        Map<LocalDate, Map<String, HistoryRecord>> byDay = new TreeMap<>();
        for (HistoryRecord r : history) {
            LocalDate day = LocalDate.ofInstant(r.at(), ZoneOffset.UTC);
            byDay.computeIfAbsent(day, d -> new HashMap<>()).merge(r.scope(), r, (a, b) -> b.at().isAfter(a.at()) ? b : a);
        }
        Map<String, HistoryRecord> latest = new HashMap<>();
        List<Point> out = new ArrayList<>();
        for (Map.Entry<LocalDate, Map<String, HistoryRecord>> day : byDay.entrySet()) {
            latest.putAll(day.getValue());
            // A scope with no run for a week has left (a retired account or organisation): it no longer counts.
            Instant stale = day.getKey().atStartOfDay(ZoneOffset.UTC).toInstant().minus(STALE);
            latest.values().removeIf(r -> r.at().isBefore(stale));
            int accounts = 0;
            int without = 0;
            int weak = 0;
            int exempt = 0;
            for (HistoryRecord r : latest.values()) {
                accounts += r.accounts();
                without += r.withoutMfa();
                weak += r.weak();
                exempt += r.exempt();
            }
            out.add(new Point(day.getKey(), accounts, without, weak, exempt));
        }
        return out;
    }

    /** When each account's finding opened, from the changes in the history: monitor|scope|id to time. */
    private static Map<String, Instant> openedAt(List<Change> changesOldestFirst, boolean weak) {
        Map<String, Instant> open = new HashMap<>();
        for (Change c : changesOldestFirst) {
            String key = c.monitor() + "|" + c.scope() + "|" + c.subjectId().value();
            ChangeKind k = c.kind();
            boolean opens = weak ? k == ChangeKind.MFA_WEAKENED || k == ChangeKind.ADDED_WITH_WEAK_MFA
                    : k == ChangeKind.MFA_DISABLED || k == ChangeKind.ADDED_WITHOUT_MFA;
            boolean closes = weak ? k == ChangeKind.MFA_STRENGTHENED || k == ChangeKind.MFA_DISABLED || k == ChangeKind.REMOVED
                    : k == ChangeKind.MFA_ENABLED || k == ChangeKind.MFA_NOT_REQUIRED || k == ChangeKind.REMOVED;
            if (opens) {
                open.putIfAbsent(key, c.at());
            } else if (closes) {
                open.remove(key);
            }
        }
        return open;
    }

    // ----- the page ---------------------------------------------------------------------------------

    String render() {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"mfa-watch\">\n")
                .append("<title>MFA coverage, ").append(day(now)).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>MFA coverage</h1><p class=\"meta\">Generated ").append(esc(minute(now))).append(" UTC from the stored state of ")
                .append(monitors.size()).append(monitors.size() == 1 ? " monitor" : " monitors").append("; history since ")
                .append(day(since)).append(".</p></header>\n<main>\n");
        Map<String, List<Point>> series = new LinkedHashMap<>();
        monitors.forEach(m -> series.put(m.name(), series(m.history())));
        summary(h, series);
        chart(h, series);
        table(h, series);
        findings(h);
        changes(h);
        h.append("</main>\n<footer><p>Coverage is the share of accounts that cannot be used without MFA; accounts without MFA under an "
                + "exemption count as not covered and are listed apart. Weak MFA (such as SMS) counts as covered and is listed on its own.</p>"
                + "</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private void summary(StringBuilder h, Map<String, List<Point>> series) {
        h.append("<section aria-labelledby=\"now-title\"><h2 id=\"now-title\">Now</h2>\n<table class=\"summary\" id=\"summary\">\n<thead><tr>")
                .append("<th scope=\"col\">Monitor</th><th scope=\"col\">Coverage</th><th scope=\"col\">Since ").append(day(since))
                .append("</th><th scope=\"col\">Accounts</th><th scope=\"col\">Without MFA</th><th scope=\"col\">Weak MFA</th>")
                .append("<th scope=\"col\">Exempt</th><th scope=\"col\">Last scan</th></tr></thead>\n<tbody>\n");
        for (MonitorData m : monitors) {
            h.append("<tr data-monitor=\"").append(esc(m.name())).append("\"><th scope=\"row\">").append(esc(m.name())).append("</th>");
            if (m.scopes().isEmpty()) {
                h.append("<td colspan=\"7\">not scanned yet</td></tr>\n");
                continue;
            }
            Point nowPoint = counts(m.name(), m.scopes());
            int accounts = nowPoint.accounts();
            int without = nowPoint.withoutMfa();
            int weak = nowPoint.weak();
            int exempt = nowPoint.exempt();
            Instant last = m.scopes().stream().map(Snapshot::takenAt).max(Comparator.naturalOrder()).orElseThrow();
            h.append("<td class=\"num coverage\">").append(percent(nowPoint.coverage())).append("</td><td class=\"num\">");
            List<Point> points = series.get(m.name());
            if (points.isEmpty()) {
                h.append("no history");
            } else {
                double delta = (nowPoint.coverage() - points.get(0).coverage()) * 100;
                long tenths = Math.round(delta * 10);
                // The arrow and the sign say the direction; colour only repeats it.
                h.append(tenths > 0 ? "<span class=\"up\">▲ +" : tenths < 0 ? "<span class=\"down\">▼ −" : "<span>= ")
                        .append(String.format(Locale.ROOT, "%.1f", Math.abs(tenths) / 10.0)).append(" points</span>");
            }
            h.append("</td><td class=\"num\">").append(accounts).append("</td><td class=\"num\">").append(without).append("</td><td class=\"num\">")
                    .append(weak).append("</td><td class=\"num\">").append(exempt).append("</td><td>").append(esc(minute(last)))
                    .append("</td></tr>\n");
            if (m.scopes().size() > 1) {
                // Each scope (an AWS account, a GitHub organisation) on a row of its own, under its monitor.
                for (Snapshot s : m.scopes()) {
                    Point p = counts(m.name(), List.of(s));
                    h.append("<tr class=\"scope\" data-monitor=\"").append(esc(m.name())).append("\" data-scope=\"").append(esc(s.scope()))
                            .append("\"><th scope=\"row\">").append(esc(m.name())).append(" / ").append(esc(s.scope()))
                            .append("</th><td class=\"num\">").append(percent(p.coverage())).append("</td><td></td><td class=\"num\">")
                            .append(p.accounts()).append("</td><td class=\"num\">").append(p.withoutMfa()).append("</td><td class=\"num\">")
                            .append(p.weak()).append("</td><td class=\"num\">").append(p.exempt()).append("</td><td>")
                            .append(esc(minute(s.takenAt()))).append("</td></tr>\n");
                }
            }
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private void chart(StringBuilder h, Map<String, List<Point>> series) {
        double span = Math.max(1, Duration.between(since, now).toSeconds());
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        h.append("<section aria-labelledby=\"chart-title\"><h2 id=\"chart-title\">Coverage over time</h2>\n")
                .append("<figure><svg id=\"chart\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" role=\"img\" aria-labelledby=\"chart-svg-title chart-svg-desc\" xmlns=\"http://www.w3.org/2000/svg\">")
                .append("<title id=\"chart-svg-title\">MFA coverage per monitor, ").append(day(since)).append(" to ").append(day(now))
                .append("</title><desc id=\"chart-svg-desc\">One line per monitor, coverage in percent of its accounts; the table below "
                        + "gives the same numbers week by week.</desc>\n");
        for (int pct = 0; pct <= 100; pct += 25) {
            double y = TOP + plotH * (1 - pct / 100.0);
            h.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotW).append("\" y1=\"").append(f(y))
                    .append("\" y2=\"").append(f(y)).append("\"/><text class=\"axis\" x=\"").append(LEFT - 6).append("\" y=\"").append(f(y + 4))
                    .append("\" text-anchor=\"end\">").append(pct).append("%</text>\n");
        }
        // Month ticks along the time axis: at most about twelve, whatever the span.
        LocalDate first = LocalDate.ofInstant(since, ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1);
        long months = ChronoUnit.MONTHS.between(first, LocalDate.ofInstant(now, ZoneOffset.UTC)) + 1;
        int every = (int) Math.max(1, (months + 11) / 12);
        for (LocalDate d = first; !d.atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(now); d = d.plusMonths(every)) {
            double x = LEFT + plotW * Duration.between(since, d.atStartOfDay().toInstant(ZoneOffset.UTC)).toSeconds() / span;
            h.append("<line class=\"tick\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"").append(TOP + plotH)
                    .append("\" y2=\"").append(TOP + plotH + 4).append("\"/><text class=\"axis\" x=\"").append(f(x)).append("\" y=\"")
                    .append(TOP + plotH + 18).append("\" text-anchor=\"middle\">").append(d.toString(), 0, 7).append("</text>\n");
        }
        int i = 0;
        for (Map.Entry<String, List<Point>> e : series.entrySet()) {
            Style style = Style.of(i);
            List<Point> points = e.getValue();
            i++;
            if (points.isEmpty()) {
                continue;
            }
            StringBuilder pts = new StringBuilder(points.size() * 12);
            double lastX = 0;
            double lastY = 0;
            for (Point p : points) {
                Instant at = p.day().atTime(12, 0).toInstant(ZoneOffset.UTC);
                lastX = LEFT + plotW * Math.min(1, Math.max(0, Duration.between(since, at).toSeconds() / span));
                lastY = TOP + plotH * (1 - p.coverage());
                pts.append(f(lastX)).append(',').append(f(lastY)).append(' ');
            }
            Point last = points.get(points.size() - 1);
            h.append("<g class=\"series\" data-monitor=\"").append(esc(e.getKey())).append("\" data-coverage=\"").append(percent(last.coverage()))
                    .append("\"><polyline fill=\"none\"").append(style.stroke()).append(" points=\"").append(pts.toString().strip())
                    .append("\"/>").append(style.marker(lastX, lastY)).append("<text class=\"label\" x=\"").append(f(lastX + 8))
                    .append("\" y=\"").append(f(lastY + 4)).append("\">").append(esc(shorten(e.getKey()))).append(' ')
                    .append(percent(last.coverage())).append("</text></g>\n");
        }
        h.append("</svg>\n<figcaption>").append(legend(series)).append("</figcaption></figure>\n</section>\n");
    }

    /** How one line is told apart: colour, dash pattern and end marker, so colour is never the only signal. */
    private record Style(String colour, String dash, String shape) {
        static Style of(int i) {
            return new Style(COLOURS[i % COLOURS.length], DASHES[(i / COLOURS.length + i) % DASHES.length], MARKERS[i % MARKERS.length]);
        }

        /** The stroke attributes of a line drawn in this style. */
        String stroke() {
            return " stroke=\"" + colour + "\" stroke-width=\"2\"" + (dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"");
        }

        String marker(double x, double y) {
            String fill = " fill=\"" + colour + "\"";
            return switch (shape) {
                case "square" -> "<rect x=\"" + f(x - 4) + "\" y=\"" + f(y - 4) + "\" width=\"8\" height=\"8\"" + fill + "/>";
                case "triangle" -> "<path d=\"M" + f(x) + " " + f(y - 5) + " L" + f(x + 5) + " " + f(y + 4) + " L" + f(x - 5) + " " + f(y + 4) + " Z\"" + fill + "/>";
                case "diamond" -> "<path d=\"M" + f(x) + " " + f(y - 5) + " L" + f(x + 5) + " " + f(y) + " L" + f(x) + " " + f(y + 5) + " L" + f(x - 5) + " " + f(y) + " Z\"" + fill + "/>";
                default -> "<circle cx=\"" + f(x) + "\" cy=\"" + f(y) + "\" r=\"4\"" + fill + "/>";
            };
        }
    }

    private String legend(Map<String, List<Point>> series) {
        StringBuilder l = new StringBuilder("<ul class=\"legend\">");
        int i = 0;
        for (Map.Entry<String, List<Point>> e : series.entrySet()) {
            Style style = Style.of(i);
            i++;
            l.append("<li><svg width=\"36\" height=\"12\" aria-hidden=\"true\"><line x1=\"0\" y1=\"6\" x2=\"26\" y2=\"6\"")
                    .append(style.stroke()).append("/>").append(style.marker(30, 6)).append("</svg>").append(esc(e.getKey()))
                    .append(e.getValue().isEmpty() ? " (no history)" : "").append("</li>");
        }
        return l.append("</ul>").toString();
    }

    /** The chart's numbers as a table, week by week: the last day with a run in each ISO week. */
    private void table(StringBuilder h, Map<String, List<Point>> series) {
        TreeMap<LocalDate, Map<String, Point>> weeks = new TreeMap<>();
        series.forEach((name, points) -> {
            for (Point p : points) {
                LocalDate weekEnd = p.day().with(java.time.DayOfWeek.SUNDAY); // ISO weeks end on Sunday
                weeks.computeIfAbsent(weekEnd, w -> new LinkedHashMap<>()).put(name, p); // later days replace earlier ones
            }
        });
        h.append("<section aria-labelledby=\"table-title\"><h2 id=\"table-title\">Coverage over time, as a table</h2>\n")
                .append("<p>The numbers of the chart: each monitor's coverage on the last day of each week with a run.</p>\n")
                .append("<div class=\"wide\"><table id=\"coverage-table\">\n<thead><tr><th scope=\"col\">Week ending</th>");
        series.keySet().forEach(n -> h.append("<th scope=\"col\">").append(esc(n)).append("</th>"));
        h.append("</tr></thead>\n<tbody>\n");
        for (Map.Entry<LocalDate, Map<String, Point>> w : weeks.descendingMap().entrySet()) {
            h.append("<tr><th scope=\"row\">").append(w.getKey()).append("</th>");
            for (String n : series.keySet()) {
                Point p = w.getValue().get(n);
                h.append("<td class=\"num\">").append(p == null ? "–" : percent(p.coverage())).append("</td>");
            }
            h.append("</tr>\n");
        }
        if (weeks.isEmpty()) {
            h.append("<tr><td colspan=\"").append(series.size() + 1).append("\">No runs recorded since ").append(day(since)).append(".</td></tr>\n");
        }
        h.append("</tbody>\n</table></div>\n</section>\n");
    }

    /** The numbers of some scopes now, from their snapshots. */
    private Point counts(String monitor, List<Snapshot> scopes) {
        int accounts = 0;
        int without = 0;
        int weak = 0;
        int exempt = 0;
        for (Snapshot s : scopes) {
            accounts += s.accounts().size();
            for (Account a : s.accounts()) {
                boolean exempted = a.withoutMfa() && exemptFor(monitor, a, s.takenAt()).isPresent();
                exempt += exempted ? 1 : 0;
                without += a.withoutMfa() && !exempted ? 1 : 0;
                weak += a.weak() && !a.withoutMfa() ? 1 : 0;
            }
        }
        return new Point(LocalDate.ofInstant(now, ZoneOffset.UTC), accounts, without, weak, exempt);
    }

    private Optional<Exemption> exemptFor(String monitor, Account a, Instant at) {
        return exemptions.stream().filter(e -> e.covers(monitor, a, at)).findFirst();
    }

    private void findings(StringBuilder h) {
        List<Finding> without = new ArrayList<>();
        List<Finding> weak = new ArrayList<>();
        List<String[]> exempt = new ArrayList<>();
        for (MonitorData m : monitors) {
            List<Change> changes = m.history().stream().flatMap(r -> r.changes().stream()).sorted(Comparator.comparing(Change::at)).toList();
            Map<String, Instant> openWithout = openedAt(changes, false);
            Map<String, Instant> openWeak = openedAt(changes, true);
            Map<String, Instant> firstRecord = new HashMap<>();
            m.history().forEach(r -> firstRecord.merge(r.scope(), r.at(), (a, b) -> a.isBefore(b) ? a : b));
            for (Snapshot s : m.scopes()) {
                for (Account a : s.accounts()) {
                    String key = m.name() + "|" + s.scope() + "|" + a.id().value();
                    if (a.withoutMfa()) {
                        Optional<Exemption> ex = exemptFor(m.name(), a, s.takenAt());
                        if (ex.isPresent()) {
                            exempt.add(new String[] {m.name(), s.scope(), a.name(), a.id().value(), ex.get().reason(), ex.get().expires().toString()});
                        } else {
                            without.add(new Finding(m.name(), s.scope(), a, m.rule(), openWithout.get(key), firstRecord.get(s.scope())));
                        }
                    } else if (a.weak()) {
                        weak.add(new Finding(m.name(), s.scope(), a, m.rule(), openWeak.get(key), firstRecord.get(s.scope())));
                    }
                }
            }
        }
        // The most urgent first: critical accounts, then the highest severity, then the longest open.
        Comparator<Finding> order = Comparator.<Finding, Boolean>comparing(f -> !f.account().critical())
                .thenComparing(f -> f.rule().severity(), Comparator.reverseOrder())
                .thenComparing(f -> f.since() == null ? Instant.MIN : f.since())
                .thenComparing(Finding::monitor).thenComparing(Finding::scope).thenComparing(f -> f.account().id().value());
        without.sort(order);
        weak.sort(order);
        findingTable(h, "without", "Accounts without MFA now", without);
        findingTable(h, "weak", "Accounts with weak MFA now", weak);
        h.append("<section aria-labelledby=\"exempt-title\"><h2 id=\"exempt-title\">Exempt accounts without MFA</h2>\n");
        if (exempt.isEmpty()) {
            h.append("<p>None.</p>\n");
        } else {
            h.append("<table id=\"exempt\">\n<thead><tr><th scope=\"col\">Monitor</th><th scope=\"col\">Scope</th><th scope=\"col\">Account</th>"
                    + "<th scope=\"col\">Reason</th><th scope=\"col\">Until</th></tr></thead>\n<tbody>\n");
            for (String[] r : exempt) {
                h.append("<tr><td>").append(esc(r[0])).append("</td><td>").append(esc(r[1])).append("</td><td>").append(account(r[2], r[3]))
                        .append("</td><td>").append(esc(r[4])).append("</td><td>").append(esc(r[5])).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("</section>\n");
    }

    private void findingTable(StringBuilder h, String id, String title, List<Finding> rows) {
        boolean weak = id.equals("weak");
        h.append("<section aria-labelledby=\"").append(id).append("-title\"><h2 id=\"").append(id).append("-title\">").append(title)
                .append(" <span class=\"count\">(").append(rows.size()).append(")</span></h2>\n");
        if (rows.isEmpty()) {
            h.append("<p>None.</p>\n</section>\n");
            return;
        }
        h.append("<table id=\"").append(id).append("\">\n<thead><tr><th scope=\"col\">Monitor</th><th scope=\"col\">Scope</th>"
                + "<th scope=\"col\">Account</th><th scope=\"col\">Severity</th><th scope=\"col\">Open for</th><th scope=\"col\">Rule and remediation</th>"
                + "</tr></thead>\n<tbody>\n");
        for (Finding f : rows) {
            // A weak second factor is a lesser finding than none: the severity of MFA_WEAKENED.
            Severity base = weak ? ChangeKind.MFA_WEAKENED.baseSeverity() : f.rule().severity();
            Severity sev = f.account().critical() ? base.escalated() : base;
            h.append("<tr><td>").append(esc(f.monitor())).append("</td><td>").append(esc(f.scope())).append("</td><td>")
                    .append(account(f.account().name(), f.account().id().value())).append(f.account().critical() ? " <strong>(critical)</strong>" : "")
                    .append("</td><td><span class=\"sev sev-").append(sev.name().toLowerCase(Locale.ROOT)).append("\">").append(sev.name())
                    .append("</span></td><td>").append(openFor(f)).append("</td><td>");
            if (weak) {
                h.append("<strong>Weak second factor</strong>").append(detail(f.account())).append("<br>Replace it with an authenticator app "
                        + "or a security key, which a SIM swap or a phished code cannot take over.");
            } else {
                h.append("<strong>").append(esc(f.rule().title())).append("</strong><br>").append(esc(f.rule().remediation()));
            }
            String link = f.rule().link();
            if (link.startsWith("https://")) {
                h.append(" <a href=\"").append(esc(link)).append("\" rel=\"noreferrer noopener\">How to fix</a>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    /** The kind of second factor, when the monitor said which. */
    private static String detail(Account a) {
        for (String key : List.of("mfa", "factors")) {
            String v = a.details().get(key);
            if (v != null && !v.isBlank()) {
                return " (" + esc(v) + ")";
            }
        }
        return "";
    }

    private String openFor(Finding f) {
        if (f.since() != null) {
            long days = Duration.between(f.since(), now).toDays();
            return (days == 0 ? "under a day" : days == 1 ? "1 day" : days + " days") + "<br><small>since " + day(f.since()) + "</small>";
        }
        if (f.historyStart() != null) {
            // Without MFA since before the first run on record: say so, rather than a false date.
            long days = Duration.between(f.historyStart(), now).toDays();
            return "over " + days + (days == 1 ? " day" : " days") + "<br><small>before " + day(f.historyStart()) + "</small>";
        }
        return "unknown";
    }

    private void changes(StringBuilder h) {
        List<Change> all = new ArrayList<>();
        for (MonitorData m : monitors) {
            m.history().forEach(r -> all.addAll(r.changes()));
        }
        all.sort(Comparator.comparing(Change::at).reversed().thenComparing(Change::monitor).thenComparing(Change::scope)
                .thenComparing(c -> c.subjectId().value()));
        h.append("<section aria-labelledby=\"changes-title\"><h2 id=\"changes-title\">Recent changes <span class=\"count\">(")
                .append(all.size()).append(")</span></h2>\n");
        if (all.isEmpty()) {
            h.append("<p>No changes since ").append(day(since)).append(".</p>\n</section>\n");
            return;
        }
        if (all.size() > CHANGES_SHOWN) {
            h.append("<p>The newest ").append(CHANGES_SHOWN).append(" of ").append(all.size()).append(" are shown; <code>mfa-watch history "
                    + "--format json</code> lists them all.</p>\n");
        }
        h.append("<table id=\"changes\">\n<thead><tr><th scope=\"col\">When (UTC)</th><th scope=\"col\">Monitor</th><th scope=\"col\">Scope</th>"
                + "<th scope=\"col\">Subject</th><th scope=\"col\">Change</th><th scope=\"col\">Severity</th></tr></thead>\n<tbody>\n");
        for (Change c : all.subList(0, Math.min(all.size(), CHANGES_SHOWN))) {
            h.append("<tr><td>").append(esc(minute(c.at()))).append("</td><td>").append(esc(c.monitor())).append("</td><td>").append(esc(c.scope()))
                    .append("</td><td>").append(account(c.subjectName(), c.subjectId().value())).append("</td><td>").append(c.kind().name())
                    .append("</td><td><span class=\"sev sev-").append(c.severity().name().toLowerCase(Locale.ROOT)).append("\">")
                    .append(c.severity().name()).append("</span></td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    // ----- text -------------------------------------------------------------------------------------

    private static String account(String name, String id) {
        return name.equals(id) ? "<span class=\"acct\">" + esc(name) + "</span>"
                : "<span class=\"acct\">" + esc(name) + "</span><br><small class=\"id\">" + esc(id) + "</small>";
    }

    /** Text from a service, safe in an HTML text node and in a quoted attribute. */
    static String esc(String s) {
        String p = PlainText.printable(s);
        StringBuilder out = new StringBuilder(p.length() + 16);
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String shorten(String s) {
        return s.length() <= 18 ? s : s.substring(0, 17) + "…";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC).toString();
    }

    private static String minute(@org.jspecify.annotations.Nullable Instant t) {
        return t == null ? "never" : t.truncatedTo(ChronoUnit.MINUTES).toString().replace('T', ' ').replace("Z", "");
    }

    private static final String CSS = """
            :root{color-scheme:light}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1b1b1b;margin:0 auto;max-width:1100px;padding:16px 24px}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ccc;padding-bottom:4px}
            .meta,footer{color:#555}.count{color:#555;font-weight:normal}
            table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid #d0d0d0;padding:4px 6px;text-align:left;vertical-align:top}
            thead th{background:#f2f2f2}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            .coverage{font-weight:bold}tr.scope th{font-weight:normal;padding-left:18px}.up{color:#006400}.down{color:#a40000}
            .sev{display:inline-block;padding:0 4px;border:1px solid;border-radius:3px;font-size:12px;font-weight:bold}
            .sev-critical{color:#7a0000;background:#fde0e0}.sev-high{color:#8a3b00;background:#fdeadb}.sev-medium{color:#5c4a00;background:#fdf5d0}
            .sev-low,.sev-info{color:#333;background:#eee}
            small.id{color:#555;word-break:break-all}
            figure{margin:0}svg#chart{width:100%;height:auto;max-height:360px}
            .grid{stroke:#ddd}.tick{stroke:#999}.axis{font-size:11px;fill:#444}.label{font-size:11px;fill:#1b1b1b}
            ul.legend{list-style:none;padding:0;margin:4px 0;display:flex;flex-wrap:wrap;gap:4px 16px}ul.legend svg{vertical-align:middle;margin-right:4px}
            .wide{overflow-x:auto}a{color:#0645ad}
            @page{size:A4;margin:14mm}
            @media print{body{max-width:none;padding:0;font-size:10.5pt}h2{break-after:avoid}tr,figure{break-inside:avoid}
            thead{display:table-header-group}.wide{overflow:visible}a{color:inherit}a[href]::after{content:" (" attr(href) ")";font-size:9pt}}
            """;
}
