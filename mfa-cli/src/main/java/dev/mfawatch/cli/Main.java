package dev.mfawatch.cli;

import dev.mfawatch.model.ConfigurationException;
import dev.mfawatch.model.MfaWatchException;
import dev.mfawatch.model.ProviderException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine;

/** The {@code mfa-watch} command. */
@Command(name = "mfa-watch", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Watches the MFA status of accounts in external services and alerts on changes.",
        subcommands = {CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 completed, 1 a monitor or notifier failed, 2 usage or configuration error, "
                + "3 the --fail-on condition holds."})
public final class Main implements Runnable {

    private final Cli cli;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Main(Cli cli) {
        this.cli = cli;
    }

    /**
     * Runs the command and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        Map<String, String> sys = new HashMap<>();
        System.getProperties().forEach((k, v) -> sys.put(String.valueOf(k), String.valueOf(v)));
        Cli cli = new Cli(System.out, System.err, System.getenv(), sys, Path.of("").toAbsolutePath());
        routeJavaUtilLogging();
        System.exit(execute(cli, args));
    }

    /**
     * Sends java.util.logging records (github-api's) to SLF4J, in place of the JDK's console handler,
     * so that one format and one level ({@code --quiet}, {@code --verbose}) apply to every line. Only the
     * command does this: a host that embeds mfa-watch keeps its own logging set-up.
     */
    static void routeJavaUtilLogging() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    /**
     * Runs the command in this process.
     *
     * @param cli  streams, environment and stop signal
     * @param args the arguments
     * @return the exit code
     */
    static int execute(Cli cli, String... args) {
        CommandLine cmd = new CommandLine(new Main(cli));
        cmd.addSubcommand("run", new RunCommand(cli));
        cmd.addSubcommand("demo", new DemoCommand(cli));
        cmd.addSubcommand("report", new ReportCommand(cli));
        cmd.addSubcommand("history", new HistoryCommand(cli));
        cmd.addSubcommand("providers", new ProvidersCommand(cli));
        CommandLine deliveries = new CommandLine(new DeliveriesCommand());
        deliveries.addSubcommand("list", new DeliveriesCommand.ListDeliveries(cli));
        deliveries.addSubcommand("retry", new DeliveriesCommand.RetryDeliveries(cli));
        deliveries.addSubcommand("drop", new DeliveriesCommand.DropDeliveries(cli));
        cmd.addSubcommand("deliveries", deliveries);
        CommandLine config = new CommandLine(new ConfigCommand());
        config.addSubcommand("check", new ConfigCheckCommand(cli));
        cmd.addSubcommand("config", config);
        cmd.setOut(new PrintWriter(cli.out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(cli.err, true, StandardCharsets.UTF_8));
        cmd.setParameterExceptionHandler((e, args1) -> usageError(cli, e));
        cmd.setExecutionStrategy(parsed -> {
            // picocli lets --help win over a mistake elsewhere on the line ("mfa-watch rnu --help" would
            // print the main help and exit 0): a mistake is an error whatever else was asked for.
            for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
                for (Exception error : p.errors()) {
                    if (error instanceof CommandLine.ParameterException pe) {
                        return usageError(cli, pe);
                    }
                }
                if (!p.unmatched().isEmpty()) {
                    return usageError(cli, new CommandLine.UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched()));
                }
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cmd.setExitCodeExceptionMapper(e -> e instanceof ConfigurationException || e instanceof ProviderException
                || e instanceof CommandLine.ParameterException
                ? ExitCodes.USAGE : ExitCodes.FAILED);
        cmd.setExecutionExceptionHandler((e, line, parsed) -> {
            // One line that names the problem; the stack trace only when asked for.
            String message = e instanceof MfaWatchException ? e.getMessage() : e.toString();
            cli.err.println("mfa-watch: " + message);
            if (e instanceof ConfigurationException && cli.configFile == null) {
                // The likeliest cause of a setting missing is a file that was never read.
                cli.err.println("mfa-watch: (" + cli.whereConfigWasLookedFor() + ")");
            }
            if (cli.verbose) {
                e.printStackTrace(cli.err);
            }
            return line.getExitCodeExceptionMapper().getExitCode(e);
        });
        return cmd.execute(args);
    }

    /**
     * One line that names the mistake, a suggestion when a command or option was mistyped, and where
     * to read more: the whole usage would bury the line that matters.
     */
    private static int usageError(Cli cli, CommandLine.ParameterException e) {
        CommandLine where = e.getCommandLine();
        String message = e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-") && !where.getSubcommands().isEmpty()) {
            message = "unknown command '" + u.getUnmatched().get(0) + "' for '" + where.getCommandSpec().qualifiedName()
                    + "' (its commands: " + String.join(", ", where.getSubcommands().keySet()) + ")";
        }
        cli.err.println("mfa-watch: " + message);
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (suggestions.isEmpty() && !unmatched.getUnmatched().isEmpty()) {
                // picocli's suggestions compare letter pairs and miss swapped letters ("rnu"): the
                // nearest command by edit distance does not.
                suggestions = Nearest.among(where.getSubcommands().keySet(), unmatched.getUnmatched().get(0));
            }
            if (!suggestions.isEmpty()) {
                cli.err.println("Did you mean: " + String.join(" or ", suggestions) + "?");
            }
        }
        cli.err.println("Try '" + where.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCodes.USAGE;
    }

    @Override
    public void run() {
        // With no command: the full help, commands included (a new CommandLine would know none).
        spec.commandLine().usage(cli.out);
    }

    /** Reads the version written into the jar at build time. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws Exception {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"mfa-watch " + p.getProperty("version", "unknown")};
        }
    }

    /** Groups {@code config check}. */
    @Command(name = "config", description = "Work with the configuration.", mixinStandardHelpOptions = true)
    static final class ConfigCommand implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: check");
        }
    }
}
