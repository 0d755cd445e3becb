package dev.mfawatch.cli;

import dev.mfawatch.core.MfaWatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mfa-watch config check}: validates every setting and provider, prints the effective settings. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check the settings and that every selected provider is available; print the effective settings (secrets as ****). Calls no API.")
final class ConfigCheckCommand implements Callable<Integer> {

    private final Cli cli;

    @Mixin
    CommonOptions common = new CommonOptions();

    ConfigCheckCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        common.apply(cli);
        try (MfaWatch watch = MfaWatch.builder().settings(cli.settings(common.config)).build()) {
            cli.out.println("Effective settings:");
            watch.effectiveSettings().forEach((k, v) -> cli.out.println("  " + k + "=" + v));
            cli.out.println("Monitors: " + String.join(", ", watch.monitorNames()));
            cli.out.println("OK: every setting is valid and every provider is available.");
        }
        return ExitCodes.OK;
    }
}
