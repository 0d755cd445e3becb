package com.example.embedded;

import dev.mfawatch.core.MfaWatch;
import dev.mfawatch.core.MonitorOutcome;
import dev.mfawatch.core.RunReport;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.Severity;

/**
 * A host application: runs mfa-watch once with the settings in {@code mfa-watch.properties} (on the
 * class path, or named by {@code -Dmfawatch.config=FILE}) and acts on the result itself.
 */
public final class NightlyAudit {

    private NightlyAudit() {
    }

    /**
     * Runs one audit.
     *
     * @param args none
     */
    public static void main(String[] args) {
        RunReport report = MfaWatch.runOnce();
        for (MonitorOutcome m : report.monitors()) {
            System.out.printf("%s: %s, %d accounts, %d without MFA%n", m.name(), m.status(), m.accounts(), m.withoutMfa());
        }
        for (Change c : report.changesAtLeast(Severity.HIGH)) {
            System.out.println("ACTION: " + c.summary());
        }
        System.exit(report.failed() ? 1 : 0);
    }
}
