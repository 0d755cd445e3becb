package dev.mfawatch.core;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.Exemption;
import dev.mfawatch.model.Severity;
import dev.mfawatch.model.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Exemptions and reminders, applied to one monitor's changes. Both are stateless: they compare the
 * stored snapshot's time with the new one, so a reminder is due in the run that crosses a period
 * boundary (periods count from the epoch, UTC), and an expired exemption is announced in the run
 * that crosses its end. Nothing has to be stored, and a run that fails is simply caught up by the next.
 */
final class Reminders {

    private Reminders() {
    }

    static List<Change> apply(List<Change> found, @Nullable Snapshot previous, Snapshot now, List<Exemption> exemptions,
                              Duration every) {
        Instant at = now.takenAt();
        List<Change> out = new ArrayList<>();
        Set<String> mentioned = new HashSet<>();
        for (Change c : found) {
            // A change carries its account's id and (current) name, events included: no need for the account.
            boolean exempt = exemptions.stream().anyMatch(e -> e.monitor().equals(now.monitor())
                    && e.names(c.subjectId().value(), c.subjectName()) && at.isBefore(e.end()));
            if (!exempt) {
                out.add(c);
                mentioned.add(c.subjectId().value());
            }
        }
        if (previous == null) {
            return out;
        }
        Instant before = previous.takenAt();
        boolean reminderDue = !every.isZero() && period(before, every) != period(at, every);
        for (Account a : now.accounts()) {
            if (!a.withoutMfa() || mentioned.contains(a.id().value())
                    || exemptions.stream().anyMatch(e -> e.covers(now.monitor(), a, at))) {
                continue;
            }
            Exemption lapsed = exemptions.stream().filter(e -> e.names(now.monitor(), a)
                    && e.end().isAfter(before) && !e.end().isAfter(at)).findFirst().orElse(null);
            if (lapsed != null || reminderDue) {
                Map<String, String> details = new TreeMap<>();
                // Found again in the same period (a run that could not save), a reminder keeps its id.
                String basis = lapsed != null ? "exemption-expired:" + lapsed.expires()
                        : "reminder:" + Instant.ofEpochMilli(period(at, every) * every.toMillis());
                if (lapsed != null) {
                    details.put("exemptionExpired", lapsed.expires().toString());
                    details.put("exemptionReason", lapsed.reason());
                } else {
                    details.put("reminder", "every " + every);
                }
                Severity base = ChangeKind.STILL_WITHOUT_MFA.baseSeverity();
                out.add(new Change(now.monitor(), now.scope(), ChangeKind.STILL_WITHOUT_MFA, a.critical() ? base.escalated() : base,
                        a.id(), a.name(), previous.account(a.id()).orElse(a), a, at, details, false, basis, null));
            }
        }
        return out;
    }

    static int exempt(Snapshot now, List<Exemption> exemptions) {
        int n = 0;
        for (Account a : now.accounts()) {
            if (a.withoutMfa() && exemptions.stream().anyMatch(e -> e.covers(now.monitor(), a, now.takenAt()))) {
                n++;
            }
        }
        return n;
    }

    private static long period(Instant t, Duration every) {
        return Math.floorDiv(t.toEpochMilli(), every.toMillis());
    }
}
