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
        description = "List the accounts that have no MFA (or weak MFA) now, per monitor, from the stored snapshots. Calls no API.")
final class ReportCommand implements Callable<Integer> {

    private final Cli cli;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json", description = "table or json.")
    RunCommand.PlainFormat format;

    ReportCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        common.apply(cli);
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
        if (format == RunCommand.PlainFormat.json) {
            cli.out.println(root);
        } else {
            cli.out.println(rows.size() == 1 ? "Every stored account has MFA." : "Accounts without MFA, or with weak MFA");
            if (rows.size() > 1) {
                cli.out.print(RunOutput.columns(rows));
            }
            notScanned.forEach(n -> cli.out.println("  (" + n + " has no stored snapshot yet: run mfa-watch run first)"));
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
