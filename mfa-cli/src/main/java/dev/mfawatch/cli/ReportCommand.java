package dev.mfawatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mfawatch.core.MfaWatch;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.PlainText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mfa-watch report}: the accounts without MFA now, from the stored snapshots; no API is called. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "List the accounts that have no MFA (or weak MFA) now, per monitor, from the stored snapshots; with "
                + "--format html, one self-contained page of MFA coverage over time. Calls no API.")
final class ReportCommand implements Callable<Integer> {

    private final Cli cli;

    @Mixin
    CommonOptions common = new CommonOptions();

    /** The output formats (a public contract). */
    enum Format { table, json, html }

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json|html",
            description = "table, json, or html: a page with coverage over time, the findings and recent changes.")
    Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE (replaced whole) instead of standard output.")
    java.nio.file.Path output;

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "90d", converter = HistoryCommand.SinceConverter.class,
            description = "For html: the history shown, e.g. 30d or 400d (default: ${DEFAULT-VALUE}).")
    java.time.Duration since = java.time.Duration.ofDays(90);

    ReportCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        common.apply(cli);
        if (format == Format.html) {
            return html();
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode monitors = root.putArray("monitors");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"MONITOR", "ACCOUNT", "ID", "MFA", "SCANNED"});
        List<String> notScanned = new ArrayList<>();
        try (MfaWatch watch = MfaWatch.builder().settings(cli.settings(common.config)).build()) {
            for (String name : watch.monitorNames()) {
                List<Snapshot> scopes = stored(watch, name);
                ObjectNode m = monitors.addObject().put("name", name);
                if (scopes.isEmpty()) {
                    m.putNull("takenAt");
                    notScanned.add(name);
                    continue;
                }
                m.put("takenAt", scopes.stream().map(Snapshot::takenAt).max(java.util.Comparator.naturalOrder()).orElseThrow().toString())
                        .put("accounts", scopes.stream().mapToInt(x -> x.accounts().size()).sum());
                ArrayNode without = m.putArray("withoutMfa");
                ArrayNode weak = m.putArray("weakMfa");
                ArrayNode exempt = m.putArray("exempt");
                for (Snapshot s : scopes) {
                    String where = s.isDefaultScope() ? name : name + "/" + s.scope();
                    for (Account a : s.accounts()) {
                        if (!a.withoutMfa() && !a.weak()) {
                            continue;
                        }
                        // Exempt accounts are listed apart, with the reason and the date the exemption ends.
                        java.util.Optional<dev.mfawatch.model.Exemption> ex = watch.exemptions().stream()
                                .filter(e -> a.withoutMfa() && e.covers(name, a, java.time.Instant.now())).findFirst();
                        ObjectNode entry = (ex.isPresent() ? exempt : a.withoutMfa() ? without : weak).addObject()
                                .put("id", a.id().value()).put("name", a.name()).put("scope", s.scope()).put("critical", a.critical());
                        ex.ifPresent(e -> entry.put("reason", e.reason()).put("expires", e.expires().toString()));
                        rows.add(new String[] {PlainText.printable(where), PlainText.printable(a.name()),
                                PlainText.printable(a.id().value()),
                                ex.map(e -> "none, exempt until " + e.expires()).orElse(a.withoutMfa() ? "none" : "weak"),
                                s.takenAt().toString()});
                    }
                }
            }
        }
        StringBuilder text = new StringBuilder();
        if (format == Format.json) {
            text.append(root).append('\n');
        } else {
            text.append(rows.size() == 1 ? "Every stored account has MFA." : "Accounts without MFA, or with weak MFA").append('\n');
            if (rows.size() > 1) {
                text.append(RunOutput.columns(rows));
            }
            notScanned.forEach(n -> text.append("  (").append(n).append(" has no stored snapshot yet: run mfa-watch run first)\n"));
        }
        return emit(text.toString());
    }

    /** The HTML page: coverage from the history of {@code --since}, findings from the stored snapshots. */
    private int html() {
        java.time.Instant now = java.time.Instant.now();
        List<HtmlReport.MonitorData> data = new ArrayList<>();
        List<dev.mfawatch.model.Exemption> exemptions;
        try (MfaWatch watch = MfaWatch.builder().settings(cli.settings(common.config)).build()) {
            // One read of the history for every monitor: a file store keeps them all in the same month files.
            java.util.Map<String, List<dev.mfawatch.spi.HistoryRecord>> history = new java.util.HashMap<>();
            for (dev.mfawatch.spi.HistoryRecord r : watch.store().history(watch.monitorNames(), now.minus(since), now.plusSeconds(1))) {
                history.computeIfAbsent(r.monitor(), k -> new ArrayList<>()).add(r);
            }
            for (String name : watch.monitorNames()) {
                data.add(new HtmlReport.MonitorData(name, watch.rule(name), stored(watch, name), history.getOrDefault(name, List.of())));
            }
            exemptions = watch.exemptions();
        }
        return emit(new HtmlReport(now, now.minus(since), data, exemptions).render());
    }

    /** Prints the report, or writes it to {@code --output} through a temporary file, so no half report is ever there. */
    private int emit(String text) {
        if (output == null) {
            cli.out.print(text);
            return ExitCodes.OK;
        }
        java.nio.file.Path target = output.toAbsolutePath();
        java.nio.file.Path dir = target.getParent();
        if (dir == null || !java.nio.file.Files.isDirectory(dir)) {
            cli.err.println("mfa-watch: --output=" + output + ": the directory " + dir + " does not exist");
            return ExitCodes.USAGE;
        }
        if (java.nio.file.Files.isDirectory(target)) {
            cli.err.println("mfa-watch: --output=" + output + " is a directory; name a file");
            return ExitCodes.USAGE;
        }
        java.nio.file.Path tmp = null;
        try {
            tmp = java.nio.file.Files.createTempFile(dir, ".mfa-watch-report", ".tmp");
            java.nio.file.Files.writeString(tmp, text, java.nio.charset.StandardCharsets.UTF_8);
            java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            cli.err.println("mfa-watch: cannot write the report to " + output + ": " + e.getMessage());
            if (tmp != null) {
                try {
                    java.nio.file.Files.deleteIfExists(tmp);
                } catch (java.io.IOException ignored) {
                    // the temporary file stays; it is hidden and named as ours
                }
            }
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    /** Every stored scope of a monitor, read without the writer lease: a run may be writing meanwhile. */
    static List<Snapshot> stored(MfaWatch watch, String monitor) {
        List<Snapshot> out = new ArrayList<>();
        for (String scope : watch.store().scopes(monitor)) {
            watch.store().load(monitor, scope).ifPresent(out::add);
        }
        return out;
    }
}
