package com.example.hrportal;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.AccountId;
import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.model.Severity;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import dev.mfawatch.spi.ScopeResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the HR portal's user exports, one per tenant; each tenant is a scope, so a tenant whose
 * export is broken fails alone and keeps its last snapshot. SMS counts as MFA, but weak.
 */
final class HrPortalMonitor implements Monitor {

    static final FindingRule RULE = new FindingRule("hr-portal-mfa", "Acme HR portal users without MFA",
            "The HR portal holds salaries and bank details; a password alone does not protect them.",
            "identity", Severity.HIGH, "Ask the user to enrol an authenticator app in the portal's profile page.",
            "https://hr.example.com/help/mfa");

    private final Map<String, Path> exports;
    private final long maxSize;

    /**
     * @param exports each scope (a tenant, or {@link Snapshot#DEFAULT_SCOPE}) and its export file
     * @param maxSize the largest export read
     */
    HrPortalMonitor(Map<String, Path> exports, long maxSize) {
        this.exports = Map.copyOf(exports);
        this.maxSize = maxSize;
    }

    @Override
    public ScanResult scan(ScanContext context) {
        List<ScopeResult> scopes = new ArrayList<>();
        for (Map.Entry<String, Path> tenant : new java.util.TreeMap<>(exports).entrySet()) {
            try {
                Snapshot s = Snapshot.of(context.monitorName(), tenant.getKey(), context.clock().instant(), read(tenant.getValue(), context));
                scopes.add(ScopeResult.seen(s, List.of()));
            } catch (MonitorException e) {
                if (exports.size() == 1) {
                    throw e;
                }
                scopes.add(ScopeResult.failed(tenant.getKey(), e.getMessage()));
            }
        }
        return ScanResult.ofScopes(scopes, List.of());
    }

    private List<Account> read(Path export, ScanContext context) {
        List<String> lines;
        try {
            // A runaway export must not fill the heap: past the cap the scan fails and keeps the old snapshot.
            if (Files.size(export) > maxSize) {
                throw new MonitorException("the HR portal export " + export + " is larger than max-size (" + maxSize
                        + " bytes): raise mfawatch.monitor." + context.monitorName() + ".max-size if it is genuine");
            }
            lines = Files.readAllLines(export);
        } catch (IOException e) {
            throw new MonitorException("cannot read the HR portal export " + export + ": " + e.getMessage(), e);
        }
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(";");
            if (f.length != 3) {
                // A half-read export must fail the scan, or the missing users would read as removed.
                throw new MonitorException(export + " line " + (i + 1) + ": expected id;login;mfa");
            }
            MfaState state = f[2].equals("none") ? MfaState.DISABLED : MfaState.ENABLED;
            accounts.add(new Account(AccountId.of("hr:" + f[0]), f[1], state, f[2].equals("sms"), false, Map.of("mfa", f[2])));
        }
        return accounts;
    }

    @Override
    public FindingRule rule() {
        return RULE;
    }
}
