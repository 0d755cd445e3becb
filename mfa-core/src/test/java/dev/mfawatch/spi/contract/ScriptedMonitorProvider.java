package dev.mfawatch.spi.contract;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.ScanResult;
import dev.mfawatch.spi.ScopeResult;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SpiVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code type=scripted}, a test provider found through {@code META-INF/services} of the test-jar.
 * Keys: {@code accounts} (a list of {@code login:STATE}, e.g. {@code alice:DISABLED,bob:ENABLED}),
 * {@code fail} (true: every scan fails), {@code token} (a secret that a failure message echoes, as a
 * careless real monitor might, to test that the run hides it), {@code scopes} (scope ids: each sees
 * the same accounts; default: the default scope only), {@code failing-scopes} (scope ids that fail).
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
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Monitor create(Settings settings) {
        List<Account> accounts = new ArrayList<>();
        for (String item : settings.getList("accounts", List.of())) {
            String[] parts = item.split(":");
            try {
                accounts.add(Account.of("scripted:" + parts[0], parts[0], MfaState.valueOf(parts[1].toUpperCase(Locale.ROOT))));
            } catch (RuntimeException e) {
                settings.reject("accounts", "has '" + item + "', which is not login:STATE");
            }
        }
        boolean fail = settings.getBoolean("fail", false);
        String token = settings.findSecret("token").map(dev.mfawatch.spi.Secret::reveal).orElse("none");
        List<String> scopes = settings.getList("scopes", List.of(Snapshot.DEFAULT_SCOPE));
        List<String> failing = settings.getList("failing-scopes", List.of());
        return context -> {
            if (fail) {
                throw new MonitorException("scripted failure (401 for token " + token + ")");
            }
            List<ScopeResult> results = new ArrayList<>();
            for (String scope : scopes) {
                results.add(failing.contains(scope) ? ScopeResult.failed(scope, "scripted failure of scope " + scope)
                        : ScopeResult.seen(Snapshot.of(context.monitorName(), scope, context.clock().instant(),
                                accounts.stream().map(a -> scope.equals(Snapshot.DEFAULT_SCOPE) ? a
                                        : new Account(dev.mfawatch.model.AccountId.of(scope + ":" + a.id().value()), a.name(),
                                                a.state(), a.weak(), a.critical(), a.details())).toList()), List.of()));
            }
            return ScanResult.ofScopes(results, List.of());
        };
    }
}
