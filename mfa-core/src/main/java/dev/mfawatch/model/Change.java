package dev.mfawatch.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing worth telling people about: an account whose MFA changed, a watched setting that was
 * turned off or on, or a sign-in without MFA.
 *
 * <p>Which parts are present follows from {@link ChangeKind#subject()}: an account change has the
 * account as it was ({@code before}, absent for {@code ADDED*}) and as it is ({@code after}, absent
 * for {@code REMOVED}); setting and event changes have neither and carry their data in
 * {@code details}.
 *
 * @param monitor     the monitor instance that saw it
 * @param scope       the scope of the monitor it belongs to ({@link Snapshot#DEFAULT_SCOPE} for a
 *                    single-scope monitor)
 * @param kind        what happened
 * @param severity    how urgent it is
 * @param subjectId   the account id, or {@code setting:<id>} for a setting
 * @param subjectName the account or setting as people know it
 * @param before      the account before, or {@code null} if it is new or the change is not about an account
 * @param after       the account now, or {@code null} if it is gone or the change is not about an account
 * @param at          when it was seen: the scan time, or the event time for events
 * @param details     facts for people (event source IP, setting id)
 * @param delayed     whether this change is delivered late, after a notifier failed in an earlier run
 * @param basis       what the change was found against, part of its {@link #id()}: the time of the
 *                    stored snapshot it was diffed against, {@code baseline} for a first scan, the
 *                    period of a reminder; never the time of the scan that found it
 * @param rule        the monitor's rule this change breaks (its remediation is quoted by notifiers), or
 *                    {@code null} when the change calls for no action (MFA turned on, an account removed)
 * @since 0.1
 */
public record Change(String monitor, String scope, ChangeKind kind, Severity severity, AccountId subjectId, String subjectName,
                     @Nullable Account before, @Nullable Account after, Instant at, Map<String, String> details,
                     boolean delayed, String basis, @Nullable FindingRule rule) {

    /** The basis of a change found by a monitor's first scan, when nothing was stored to compare with. */
    public static final String BASELINE = "baseline";

    /**
     * Checks that the parts fit the kind.
     *
     * @throws IllegalArgumentException if before/after do not fit the kind or name another account
     */
    public Change {
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(subjectName, "subjectName");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(basis, "basis");
        details = Account.copyDetails(details, "change of " + subjectId);
        boolean wantsBefore = kind.subject() == ChangeKind.Subject.ACCOUNT
                && kind != ChangeKind.ADDED && kind != ChangeKind.ADDED_WITHOUT_MFA && kind != ChangeKind.ADDED_WITH_WEAK_MFA;
        boolean wantsAfter = kind.subject() == ChangeKind.Subject.ACCOUNT && kind != ChangeKind.REMOVED;
        if ((before != null) != wantsBefore || (after != null) != wantsAfter) {
            throw new IllegalArgumentException(kind + " of " + subjectId + " must " + (wantsBefore ? "" : "not ")
                    + "have a before and must " + (wantsAfter ? "" : "not ") + "have an after account");
        }
        if ((before != null && !before.id().equals(subjectId)) || (after != null && !after.id().equals(subjectId))) {
            throw new IllegalArgumentException(kind + " of " + subjectId + " carries another account");
        }
    }

    /**
     * A change of the default scope.
     *
     * @param monitor     the monitor instance that saw it
     * @param kind        what happened
     * @param severity    how urgent it is
     * @param subjectId   the account id, or {@code setting:<id>} for a setting
     * @param subjectName the account or setting as people know it
     * @param before      the account before, or {@code null}
     * @param after       the account now, or {@code null}
     * @param at          when it was seen
     * @param details     facts for people
     * @param delayed     whether this change is delivered late
     */
    public Change(String monitor, ChangeKind kind, Severity severity, AccountId subjectId, String subjectName,
                  @Nullable Account before, @Nullable Account after, Instant at, Map<String, String> details, boolean delayed) {
        this(monitor, Snapshot.DEFAULT_SCOPE, kind, severity, subjectId, subjectName, before, after, at, details, delayed,
                at.toString(), null);
    }

    /**
     * A stable identity of this change, the same in every run and every process: a hex digest of the
     * transition (monitor, scope, kind, subject, the states before and after, the event id) and of
     * its {@link #basis()}, never of the clock. A change found again, because the run that delivered it
     * could not save, is the same change with the same id. Stores key pending deliveries by it, and
     * notifiers show it so a reader can tell a re-sent alert from a new one.
     *
     * @return 32 lower-case hex characters
     */
    public String id() {
        String identity = String.join("\n", "v2", monitor, scope, kind.name(), subjectId.value(), stateOf(before), stateOf(after),
                details.getOrDefault("eventId", ""), basis);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /**
     * The change as the documented JSON object (the command line's {@code --format json} and the
     * {@code webhook} notifier): {@code id}, {@code monitor}, {@code scope}, {@code kind}, {@code severity},
     * {@code account} ({@code id}, {@code name}), {@code before} and {@code after} (a state, or
     * {@code null} when absent), {@code at}, and {@code details}: the account's details with the
     * change's own, plus {@code weakMfa} and {@code delayed} when true. Built from plain maps, so any
     * JSON library writes it.
     *
     * @return an ordered map of strings, {@code null}s and nested maps
     */
    public Map<String, @Nullable Object> toJsonMap() {
        Map<String, @Nullable Object> m = new java.util.LinkedHashMap<>();
        m.put("id", id());
        m.put("monitor", monitor);
        m.put("scope", scope);
        m.put("kind", kind.name());
        m.put("severity", severity.name());
        Map<String, Object> account = new java.util.LinkedHashMap<>();
        account.put("id", subjectId.value());
        account.put("name", subjectName);
        m.put("account", account);
        m.put("before", before == null ? null : before.state().name());
        m.put("after", after == null ? null : after.state().name());
        m.put("at", at.toString());
        Map<String, String> all = new java.util.TreeMap<>();
        Account subject = after != null ? after : before;
        if (subject != null) {
            all.putAll(subject.details());
            if (subject.weak()) {
                all.put("weakMfa", "true");
            }
        }
        all.putAll(details);
        if (rule != null) {
            // The 0.1 JSON carried the rule in the details; the fields stay where scripts read them.
            all.put("rule", rule.id());
            if (!rule.remediation().isEmpty()) {
                all.put("remediation", rule.remediation());
            }
            if (!rule.link().isEmpty()) {
                all.put("remediationLink", rule.link());
            }
        }
        if (delayed) {
            all.put("delayed", "true");
        }
        m.put("details", all);
        return m;
    }

    /**
     * One line for people, e.g. {@code [HIGH] gh: MFA_DISABLED alice (github:42) ENABLED -> DISABLED}.
     * Text from the service is passed through as is: a notifier escapes it for its medium.
     *
     * @return the line
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append('[').append(severity).append("] ").append(monitor);
        if (!Snapshot.DEFAULT_SCOPE.equals(scope)) {
            sb.append('/').append(scope);
        }
        sb.append(": ").append(kind).append(' ')
                .append(subjectName).append(" (").append(subjectId).append(')');
        if (before != null || after != null) {
            sb.append(' ').append(stateOf(before)).append(" -> ").append(stateOf(after));
        }
        Map<String, String> shown = new java.util.TreeMap<>(details);
        if (!shown.isEmpty()) {
            sb.append(' ').append(shown);
        }
        if (delayed) {
            sb.append(" (delayed delivery, change ").append(id()).append(')');
        }
        return sb.toString();
    }

    /**
     * The {@linkplain #summary() summary line} with the time and the {@linkplain #id() id}, for logs and
     * debuggers: the record's generated form would print both accounts and every field of each.
     *
     * @return e.g. {@code Change[[HIGH] gh: MFA_DISABLED alice (github:42) ENABLED -> DISABLED at 2026-01-05T10:00:00Z, id 3f…]}
     */
    @Override
    public String toString() {
        return "Change[" + summary() + " at " + at + ", id " + id() + "]";
    }

    private static String stateOf(@Nullable Account a) {
        return a == null ? "absent" : a.weak() ? a.state() + " (weak)" : a.state().name();
    }

    /**
     * A copy that breaks a rule.
     *
     * @param brokenRule the rule, or {@code null}
     * @return the copy
     */
    public Change withRule(@Nullable FindingRule brokenRule) {
        return new Change(monitor, scope, kind, severity, subjectId, subjectName, before, after, at, details, delayed, basis,
                brokenRule);
    }

    /**
     * A copy marked as delivered late (or not).
     *
     * @param isDelayed whether the delivery is late
     * @return the copy
     */
    public Change withDelayed(boolean isDelayed) {
        return new Change(monitor, scope, kind, severity, subjectId, subjectName, before, after, at, details, isDelayed, basis, rule);
    }
}
