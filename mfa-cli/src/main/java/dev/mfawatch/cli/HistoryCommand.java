package dev.mfawatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mfawatch.core.MfaWatch;
import dev.mfawatch.model.Change;
import dev.mfawatch.spi.HistoryRecord;
import dev.mfawatch.spi.PlainText;
import dev.mfawatch.spi.SettingValues;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mfa-watch history}: one row per run and monitor scope, from the store's history; no API is called. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List each past run per monitor and scope: accounts, without MFA, weak, exempt, changes. "
                + "Reads the store's history (any store); calls no API.")
final class HistoryCommand implements Callable<Integer> {

    /** How the history is printed. */
    enum Format { table, json, csv }

    static final Duration LONGEST = Duration.ofDays(3650);

    private final Cli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--monitor", paramLabel = "NAME", description = "Only this monitor instance.")
    @Nullable String monitor;

    @Option(names = "--scope", paramLabel = "ID", description = "Only this scope (an AWS account id, a GitHub organisation …).")
    @Nullable String scope;

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "30d", converter = SinceConverter.class,
            description = "How far back, e.g. 7d or 12h (default ${DEFAULT-VALUE}).")
    Duration since = Duration.ofDays(30);

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json|csv", description = "table, json or csv.")
    Format format = Format.table;

    HistoryCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        common.apply(cli);
        Instant now = Instant.now();
        Instant from = now.minus(since);
        List<HistoryRecord> records = new ArrayList<>();
        try (MfaWatch watch = MfaWatch.builder().settings(cli.settings(common.config)).build()) {
            List<String> names = watch.monitorNames();
            if (monitor != null && !names.contains(monitor)) {
                List<String> near = Nearest.among(names, monitor);
                throw new CommandLine.ParameterException(spec.commandLine(), "--monitor=" + monitor + " is not a configured monitor"
                        + (near.isEmpty() ? " (monitors: " + String.join(", ", names) + ")" : "; did you mean " + String.join(" or ", near) + "?"));
            }
            for (String name : monitor == null ? names : List.of(monitor)) {
                for (HistoryRecord r : watch.store().history(name, from, now)) {
                    if (scope == null || scope.equals(r.scope())) {
                        records.add(r);
                    }
                }
            }
        }
        records.sort(Comparator.comparing(HistoryRecord::at).thenComparing(HistoryRecord::monitor).thenComparing(HistoryRecord::scope));
        switch (format) {
            case json -> cli.out.println(json(records, from));
            case csv -> cli.out.print(csv(records));
            default -> table(records);
        }
        return ExitCodes.OK;
    }

    private void table(List<HistoryRecord> records) {
        if (records.isEmpty()) {
            cli.out.println("No runs recorded in the last " + SettingValues.format(since)
                    + (monitor == null ? "" : " for " + monitor) + (scope == null ? "" : " in scope " + scope) + ".");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TIME", "MONITOR", "SCOPE", "ACCOUNTS", "WITHOUT MFA", "WEAK", "EXEMPT", "CHANGES"});
        for (HistoryRecord r : records) {
            rows.add(new String[] {r.at().toString(), PlainText.printable(r.monitor()), PlainText.printable(r.scope()),
                    String.valueOf(r.accounts()), String.valueOf(r.withoutMfa()), String.valueOf(r.weak()), String.valueOf(r.exempt()),
                    String.valueOf(r.changes().size())});
        }
        cli.out.print(RunOutput.columns(rows));
    }

    private static String json(List<HistoryRecord> records, Instant from) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("since", from.toString());
        ArrayNode list = root.putArray("history");
        for (HistoryRecord r : records) {
            ObjectNode n = list.addObject().put("at", r.at().toString()).put("monitor", r.monitor()).put("scope", r.scope())
                    .put("accounts", r.accounts()).put("withoutMfa", r.withoutMfa()).put("weak", r.weak()).put("exempt", r.exempt())
                    .put("changes", r.changes().size());
            ObjectNode kinds = n.putObject("changeKinds");
            kinds(r).forEach(kinds::put);
        }
        return root.toString();
    }

    private static Map<String, Integer> kinds(HistoryRecord r) {
        Map<String, Integer> out = new TreeMap<>();
        for (Change c : r.changes()) {
            out.merge(c.kind().name(), 1, Integer::sum);
        }
        return out;
    }

    /** RFC 4180: a header line, then one line per record; a field with a comma, quote or line break is quoted. */
    static String csv(List<HistoryRecord> records) {
        StringBuilder b = new StringBuilder("at,monitor,scope,accounts,without_mfa,weak,exempt,changes\r\n");
        for (HistoryRecord r : records) {
            b.append(field(r.at().toString())).append(',').append(field(r.monitor())).append(',').append(field(r.scope())).append(',')
                    .append(r.accounts()).append(',').append(r.withoutMfa()).append(',').append(r.weak()).append(',').append(r.exempt())
                    .append(',').append(r.changes().size()).append("\r\n");
        }
        return b.toString();
    }

    static String field(String value) {
        // A leading = + - @ makes a spreadsheet evaluate the cell: such a value is kept as text.
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    /** Reads 30d, 12h, 90m or PT1H. */
    static final class SinceConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = SettingValues.parseDuration(value).orElseThrow(
                    () -> new CommandLine.TypeConversionException("'" + value + "' is not a duration (try 7d or 12h)"));
            if (d.isZero() || d.isNegative() || d.compareTo(LONGEST) > 0) {
                throw new CommandLine.TypeConversionException("--since=" + value + " must be longer than zero and at most 3650d");
            }
            return d;
        }
    }
}
