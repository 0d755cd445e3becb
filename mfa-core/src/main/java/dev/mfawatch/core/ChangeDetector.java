package dev.mfawatch.core;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.Names;
import dev.mfawatch.model.Severity;
import dev.mfawatch.model.SignInEvent;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.WatchedSetting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The change-detection engine: turns two snapshots of a monitor into the changes between them.
 *
 * <p>Pure: no I/O, no clock, no randomness, no state. The same input always gives the same list,
 * in the same order: watched settings first (by setting id), then accounts (by account id), then
 * events (by time, then event id). Safe to call from any thread.
 *
 * <table>
 * <caption>Account transitions</caption>
 * <tr><th>before → now</th><th>kind</th><th>base severity</th></tr>
 * <tr><td>absent → DISABLED</td><td>ADDED_WITHOUT_MFA</td><td>HIGH</td></tr>
 * <tr><td>absent → ENABLED weak</td><td>ADDED_WITH_WEAK_MFA</td><td>MEDIUM</td></tr>
 * <tr><td>absent → ENABLED strong or NOT_APPLICABLE</td><td>ADDED</td><td>INFO</td></tr>
 * <tr><td>ENABLED or NOT_APPLICABLE → DISABLED</td><td>MFA_DISABLED</td><td>HIGH</td></tr>
 * <tr><td>DISABLED → ENABLED</td><td>MFA_ENABLED</td><td>INFO</td></tr>
 * <tr><td>DISABLED → NOT_APPLICABLE</td><td>MFA_NOT_REQUIRED</td><td>INFO</td></tr>
 * <tr><td>present → absent</td><td>REMOVED</td><td>INFO</td></tr>
 * <tr><td>ENABLED strong → ENABLED weak</td><td>MFA_WEAKENED</td><td>MEDIUM</td></tr>
 * <tr><td>ENABLED weak → ENABLED strong</td><td>MFA_STRENGTHENED</td><td>INFO</td></tr>
 * <tr><td>ENABLED ↔ NOT_APPLICABLE, or the same state</td><td>none</td><td></td></tr>
 * </table>
 *
 * <p>A change on a critical account (see {@link Account#critical()}) has its severity
 * {@link Severity#escalated() escalated}. Names and details take no part: a rename is no change.
 *
 * @since 0.1
 */
public final class ChangeDetector {

    private ChangeDetector() {
    }

    /**
     * The changes of one scan: a {@link #diff} against the stored snapshot, or a {@link #baseline}
     * when there is none, followed by the {@link #events} the scan reported.
     *
     * @param before the stored snapshot, or {@code null} on the monitor's first run
     * @param now    the new snapshot
     * @param events sign-ins without MFA the scan reported
     * @param policy what a first run reports
     * @return the changes, in the order described above
     */
    public static List<Change> detect(@Nullable Snapshot before, Snapshot now, List<SignInEvent> events,
                                      BaselinePolicy policy) {
        List<Change> changes = new ArrayList<>(before == null ? baseline(now, policy) : diff(before, now));
        changes.addAll(events(now.monitor(), now.scope(), events));
        return List.copyOf(changes);
    }

    /**
     * The changes from {@code before} to {@code now}.
     *
     * @param before the earlier snapshot of the monitor
     * @param now    the later snapshot of the same monitor
     * @return the changes; empty when nothing that matters changed
     * @throws IllegalArgumentException if the snapshots belong to different monitors
     */
    public static List<Change> diff(Snapshot before, Snapshot now) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(now, "now");
        if (!before.monitor().equals(now.monitor()) || !before.scope().equals(now.scope())) {
            throw new IllegalArgumentException("cannot diff snapshots of two monitors or scopes: " + before.monitor() + "/"
                    + before.scope() + " and " + now.monitor() + "/" + now.scope());
        }
        List<Change> changes = new ArrayList<>();
        diffSettings(before, now, changes);
        // Both lists are sorted by id: one merge pass, linear in the number of accounts.
        List<Account> a = before.accounts();
        List<Account> b = now.accounts();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            int cmp = i == a.size() ? 1 : j == b.size() ? -1 : a.get(i).id().compareTo(b.get(j).id());
            if (cmp < 0) {
                changes.add(accountChange(now, basis(before), ChangeKind.REMOVED, a.get(i++), null));
            } else if (cmp > 0) {
                Account added = b.get(j++);
                changes.add(accountChange(now, basis(before), addedKind(added), null, added));
            } else {
                Account was = a.get(i++);
                Account is = b.get(j++);
                ChangeKind kind = transition(was, is);
                if (kind != null) {
                    changes.add(accountChange(now, basis(before), kind, was, is));
                }
            }
        }
        return changes;
    }

    /**
     * The changes a monitor's first snapshot raises under a baseline policy.
     *
     * @param now    the first snapshot
     * @param policy {@link BaselinePolicy#REPORT}: every account without MFA or with weak MFA and every
     *               setting that is off; {@link BaselinePolicy#SILENT}: nothing
     * @return the changes
     */
    public static List<Change> baseline(Snapshot now, BaselinePolicy policy) {
        Objects.requireNonNull(now, "now");
        if (policy == BaselinePolicy.SILENT) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        for (WatchedSetting s : now.settings()) {
            if (!s.enabled()) {
                changes.add(settingChange(now, Change.BASELINE, ChangeKind.SETTING_DISABLED, s));
            }
        }
        for (Account account : now.accounts()) {
            ChangeKind kind = addedKind(account);
            if (kind != ChangeKind.ADDED) {
                changes.add(accountChange(now, Change.BASELINE, kind, null, account));
            }
        }
        return changes;
    }

    /**
     * What a new account (or one seen on a baseline) is: without MFA, with weak MFA, or neither. Weak MFA
     * is announced when it is first seen, not only when strong MFA is weakened: a root account that
     * starts on a virtual device would otherwise never be mentioned.
     */
    private static ChangeKind addedKind(Account a) {
        if (a.withoutMfa()) {
            return ChangeKind.ADDED_WITHOUT_MFA;
        }
        return a.state() == MfaState.ENABLED && a.weak() ? ChangeKind.ADDED_WITH_WEAK_MFA : ChangeKind.ADDED;
    }

    /**
     * One {@link ChangeKind#SIGN_IN_WITHOUT_MFA} change of the default scope per distinct event id.
     *
     * @param monitor the monitor instance that reported the events
     * @param events  the events, in any order, possibly with repeats
     * @return the changes, ordered by event time, then event id
     */
    public static List<Change> events(String monitor, List<SignInEvent> events) {
        return events(monitor, Snapshot.DEFAULT_SCOPE, events);
    }

    /**
     * One {@link ChangeKind#SIGN_IN_WITHOUT_MFA} change per distinct event id.
     *
     * @param monitor the monitor instance that reported the events
     * @param scope   the scope they belong to
     * @param events  the events, in any order, possibly with repeats
     * @return the changes, ordered by event time, then event id
     * @since 0.2
     */
    public static List<Change> events(String monitor, String scope, List<SignInEvent> events) {
        Objects.requireNonNull(monitor, "monitor");
        List<SignInEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(SignInEvent::at).thenComparing(SignInEvent::eventId));
        Set<String> seen = new HashSet<>();
        List<Change> changes = new ArrayList<>();
        for (SignInEvent e : sorted) {
            if (!seen.add(e.eventId())) {
                continue;
            }
            Map<String, String> details = new java.util.TreeMap<>(e.details());
            details.put("eventId", e.eventId());
            Severity severity = ChangeKind.SIGN_IN_WITHOUT_MFA.baseSeverity();
            changes.add(new Change(monitor, scope, ChangeKind.SIGN_IN_WITHOUT_MFA, e.critical() ? severity.escalated() : severity,
                    e.accountId(), e.accountName(), null, null, e.at(), details, false, "event", null));
        }
        return changes;
    }

    /**
     * The kind of change between two states of one account, by the table in the class comment.
     *
     * @param before the account before
     * @param now    the same account now
     * @return the kind, or {@code null} when nothing that matters changed
     */
    static @Nullable ChangeKind transition(Account before, Account now) {
        MfaState was = before.state();
        MfaState is = now.state();
        if (is == MfaState.DISABLED) {
            return was == MfaState.DISABLED ? null : ChangeKind.MFA_DISABLED;
        }
        if (was == MfaState.DISABLED) {
            return is == MfaState.ENABLED ? ChangeKind.MFA_ENABLED : ChangeKind.MFA_NOT_REQUIRED;
        }
        if (was == MfaState.ENABLED && is == MfaState.ENABLED && before.weak() != now.weak()) {
            return now.weak() ? ChangeKind.MFA_WEAKENED : ChangeKind.MFA_STRENGTHENED;
        }
        return null;
    }

    private static void diffSettings(Snapshot before, Snapshot now, List<Change> changes) {
        for (WatchedSetting s : now.settings()) {
            WatchedSetting old = before.setting(s.id()).orElse(null);
            if (!s.enabled() && (old == null || old.enabled())) {
                changes.add(settingChange(now, basis(before), ChangeKind.SETTING_DISABLED, s));
            } else if (s.enabled() && old != null && !old.enabled()) {
                changes.add(settingChange(now, basis(before), ChangeKind.SETTING_ENABLED, s));
            }
        }
    }

    private static Change accountChange(Snapshot now, String basis, ChangeKind kind, @Nullable Account before,
                                        @Nullable Account after) {
        Account subject = after != null ? after : Objects.requireNonNull(before);
        Severity severity = subject.critical() ? kind.baseSeverity().escalated() : kind.baseSeverity();
        return new Change(now.monitor(), now.scope(), kind, severity, subject.id(), subject.name(), before, after, now.takenAt(),
                Map.of(), false, basis, null);
    }

    private static Change settingChange(Snapshot now, String basis, ChangeKind kind, WatchedSetting setting) {
        return new Change(now.monitor(), now.scope(), kind, kind.baseSeverity(), setting.subjectId(), setting.name(), null, null,
                now.takenAt(), Map.of("setting", setting.id()), false, basis, null);
    }

    /** The basis of a diff: the stored snapshot it compares with, which a repeat of the run compares with too. */
    private static String basis(Snapshot before) {
        return before.takenAt().toString();
    }
}
