package dev.mfawatch.spi.contract;

import dev.mfawatch.core.Account;
import dev.mfawatch.core.ConfigurationException;
import dev.mfawatch.core.MfaState;
import dev.mfawatch.core.MonitorException;
import dev.mfawatch.core.Snapshot;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.ScanResult;
import dev.mfawatch.spi.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code type=scripted}, a test provider found through {@code META-INF/services} of the test-jar.
 * Keys: {@code accounts} (a list of {@code login:STATE}, e.g. {@code alice:DISABLED,bob:ENABLED}),
 * {@code fail} (true: every scan fails), {@code token} (a secret that a failure message echoes, as a
 * careless real monitor might, to test that the run hides it).
 */
public final class ScriptedMonitorProvider implements MonitorProvider {

    /** Creates the provider; does no work. */
    public ScriptedMonitorProvider() {
    }

    @Override
    public String type() {
        return "scripted";
    }

    @Override
    public Monitor create(Settings settings) {
        List<Account> accounts = new ArrayList<>();
        for (String item : settings.list("accounts")) {
            String[] parts = item.split(":");
            try {
                accounts.add(Account.of("scripted:" + parts[0], parts[0], MfaState.valueOf(parts[1].toUpperCase(Locale.ROOT))));
            } catch (RuntimeException e) {
                throw new ConfigurationException(settings.fullKey("accounts"), settings.fullKey("accounts")
                        + " has '" + item + "', which is not login:STATE");
            }
        }
        boolean fail = settings.bool("fail", false);
        String token = settings.optionalSecret("token").map(dev.mfawatch.spi.Secret::reveal).orElse("none");
        return context -> {
            if (fail) {
                throw new MonitorException("scripted failure (401 for token " + token + ")");
            }
            return ScanResult.of(Snapshot.of(context.monitorName(), context.clock().instant(), accounts));
        };
    }
}
