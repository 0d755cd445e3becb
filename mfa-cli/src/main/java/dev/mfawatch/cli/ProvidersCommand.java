package dev.mfawatch.cli;

import dev.mfawatch.core.ProviderRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mfa-watch providers}: every provider found, with its type, class and jar. */
@Command(name = "providers", mixinStandardHelpOptions = true,
        description = "List the monitor, notifier and store providers found, with their type, class and jar.")
final class ProvidersCommand implements Callable<Integer> {

    private final Cli cli;

    ProvidersCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        ProviderRegistry.load(Thread.currentThread().getContextClassLoader()).describe().forEach(cli.out::println);
        return ExitCodes.OK;
    }
}
