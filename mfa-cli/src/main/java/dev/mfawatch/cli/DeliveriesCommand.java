package dev.mfawatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mfawatch.core.MfaWatch;
import dev.mfawatch.spi.PendingDelivery;
import dev.mfawatch.spi.PlainText;
import dev.mfawatch.spi.SnapshotStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code mfa-watch deliveries list|retry|drop}: the deliveries waiting in the store, and the dead letters. */
@Command(name = "deliveries", mixinStandardHelpOptions = true,
        description = "List the pending deliveries and dead letters, retry dead letters or drop them.")
final class DeliveriesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: list, retry or drop");
    }

    /** Which deliveries a subcommand acts on. */
    static class Filter {
        @Option(names = "--notifier", paramLabel = "NAME", description = "Only the deliveries to this notifier instance.")
        @Nullable String notifier;

        @Option(names = "--id", paramLabel = "ID", description = "Only the delivery of this change id.")
        @Nullable String id;

        boolean matches(PendingDelivery d) {
            return (notifier == null || d.notifier().equals(notifier)) && (id == null || d.change().id().equals(id));
        }

        List<PendingDelivery> of(List<PendingDelivery> all) {
            return all.stream().filter(this::matches).toList();
        }
    }

    /** Runs {@code action} against the configured store; {@code write} takes the writer lease first. */
    static int withStore(Cli cli, CommonOptions common, boolean write, StoreAction action) {
        common.apply(cli);
        try (MfaWatch watch = MfaWatch.builder().settings(cli.settings(common.config)).build()) {
            SnapshotStore store = watch.store();
            if (!write) {
                return action.apply(store);
            }
            try (SnapshotStore.WriterLease lease = store.lease()) {
                return action.apply(store);
            }
        }
    }

    /** What every subcommand takes: the configuration and which deliveries to act on. */
    abstract static class Subcommand implements Callable<Integer> {
        final Cli cli;

        @Mixin
        CommonOptions common = new CommonOptions();

        @Mixin
        Filter filter = new Filter();

        Subcommand(Cli cli) {
            this.cli = cli;
        }
    }

    /** Something done with the store. */
    @FunctionalInterface
    interface StoreAction {
        int apply(SnapshotStore store);
    }

    /** {@code deliveries list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the pending deliveries and the dead letters.")
    static final class ListDeliveries extends Subcommand {

        @Option(names = "--format", defaultValue = "table", paramLabel = "table|json", description = "table or json.")
        RunCommand.PlainFormat format;

        ListDeliveries(Cli cli) {
            super(cli);
        }

        @Override
        public Integer call() {
            return withStore(cli, common, false, store -> {
                List<PendingDelivery> pending = filter.of(store.pending());
                List<PendingDelivery> dead = filter.of(store.deadLetters());
                if (format == RunCommand.PlainFormat.json) {
                    ObjectMapper json = new ObjectMapper();
                    ObjectNode root = json.createObjectNode();
                    add(json, root.putArray("pending"), pending);
                    add(json, root.putArray("deadLetters"), dead);
                    cli.out.println(root);
                } else if (pending.isEmpty() && dead.isEmpty()) {
                    cli.out.println("No pending deliveries and no dead letters.");
                } else {
                    List<String[]> rows = new ArrayList<>();
                    rows.add(new String[] {"STATE", "NOTIFIER", "ID", "ATTEMPTS", "PARKED", "CHANGE"});
                    pending.forEach(d -> rows.add(row("pending", d)));
                    dead.forEach(d -> rows.add(row("dead", d)));
                    cli.out.print(RunOutput.columns(rows));
                }
                return ExitCodes.OK;
            });
        }

        private static String[] row(String state, PendingDelivery d) {
            return new String[] {state, d.notifier(), d.change().id(), String.valueOf(d.attempts()), d.parkedAt().toString(),
                    PlainText.printable(d.change().summary())};
        }

        private static void add(ObjectMapper json, ArrayNode into, List<PendingDelivery> deliveries) {
            for (PendingDelivery d : deliveries) {
                into.addObject().put("id", d.change().id()).put("notifier", d.notifier()).put("attempts", d.attempts())
                        .put("parkedAt", d.parkedAt().toString()).set("change", json.valueToTree(d.change().toJsonMap()));
            }
        }
    }

    /** {@code deliveries retry}. */
    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Move dead letters back to the pending deliveries: the next run delivers them, with their attempts counted afresh.")
    static final class RetryDeliveries extends Subcommand {

        RetryDeliveries(Cli cli) {
            super(cli);
        }

        @Override
        public Integer call() {
            return withStore(cli, common, true, store -> {
                List<String> keys = filter.of(store.deadLetters()).stream().map(PendingDelivery::key).toList();
                if (keys.isEmpty()) {
                    return nothingMatched(cli, filter);
                }
                store.revive(keys, Instant.now());
                cli.out.println(keys.size() + " dead letter(s) are pending again; the next run delivers them.");
                return ExitCodes.OK;
            });
        }
    }

    /** {@code deliveries drop}. */
    @Command(name = "drop", mixinStandardHelpOptions = true,
            description = "Forget dead letters (and, with --include-pending, pending deliveries) for good.")
    static final class DropDeliveries extends Subcommand {

        @Option(names = "--include-pending", description = "Also drop matching pending deliveries, e.g. those of a notifier that was removed.")
        boolean includePending;

        DropDeliveries(Cli cli) {
            super(cli);
        }

        @Override
        public Integer call() {
            return withStore(cli, common, true, store -> {
                List<String> dead = filter.of(store.deadLetters()).stream().map(PendingDelivery::key).toList();
                List<String> pending = includePending
                        ? filter.of(store.pending()).stream().map(PendingDelivery::key).toList() : List.of();
                if (dead.isEmpty() && pending.isEmpty()) {
                    return nothingMatched(cli, filter);
                }
                store.dropDeadLetters(dead);
                store.acknowledge(pending);
                cli.out.println("Dropped " + dead.size() + " dead letter(s)" + (includePending ? " and " + pending.size()
                        + " pending deliveries" : "") + ".");
                return ExitCodes.OK;
            });
        }
    }

    private static int nothingMatched(Cli cli, Filter filter) {
        if (filter.id != null) {
            // An id names one delivery: if it matches nothing it is most likely mistyped.
            cli.err.println("mfa-watch: no delivery matches --id " + filter.id + (filter.notifier == null ? "" : " --notifier " + filter.notifier)
                    + ": see mfa-watch deliveries list");
            return ExitCodes.USAGE;
        }
        cli.out.println("No delivery matched; nothing changed.");
        return ExitCodes.OK;
    }
}
