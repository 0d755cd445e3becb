package dev.mfawatch.spi.contract;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.AccountId;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.WatchedSetting;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Ready-made values for contract kits and tests. */
public final class Fixtures {

    /** A fixed instant, so tests never depend on the clock. */
    public static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    private Fixtures() {
    }

    /**
     * An ordinary account.
     *
     * @param id    the id
     * @param state the state
     * @return the account, named after its id
     */
    public static Account account(String id, MfaState state) {
        return Account.of(id, "name-of-" + id, state);
    }

    /**
     * A snapshot with several kinds of account, a setting and a cursor: what a store must keep exactly.
     *
     * @param monitor the monitor name
     * @param at      the time
     * @return the snapshot
     */
    public static Snapshot richSnapshot(String monitor, Instant at) {
        return new Snapshot(monitor, at, List.of(
                account("github:1", MfaState.ENABLED),
                account("github:2", MfaState.DISABLED).withDetails(Map.of("role", "admin", "kind", "member")),
                new Account(AccountId.of("arn:aws:iam::123456789012:root"), "<root_account>", MfaState.ENABLED, true, true,
                        Map.of("mfa", "virtual")),
                Account.of("github:3", "名前 \"quoted\" <!channel> \\ tab\t", MfaState.NOT_APPLICABLE)),
                List.of(new WatchedSetting("two-factor-requirement", "acme: 2FA required", true)),
                "cursor-2026-01-05T07:45:00Z");
    }

    /**
     * One change of each subject kind: account (added, changed, removed), setting and event.
     *
     * @param monitor the monitor name
     * @return the changes
     */
    public static List<Change> mixedChanges(String monitor) {
        Account alice = account("github:10", MfaState.ENABLED).withName("alice");
        Account bob = account("github:11", MfaState.DISABLED).withName("bob <!channel>");
        return List.of(
                new Change(monitor, ChangeKind.MFA_DISABLED, ChangeKind.MFA_DISABLED.baseSeverity(), alice.id(), "alice",
                        alice, alice.withState(MfaState.DISABLED), T0, Map.of(), false),
                new Change(monitor, ChangeKind.ADDED_WITHOUT_MFA, ChangeKind.ADDED_WITHOUT_MFA.baseSeverity(), bob.id(),
                        bob.name(), null, bob, T0, Map.of(), false),
                new Change(monitor, ChangeKind.REMOVED, ChangeKind.REMOVED.baseSeverity(), AccountId.of("github:12"), "carol",
                        Account.of("github:12", "carol", MfaState.ENABLED), null, T0, Map.of(), false),
                new Change(monitor, ChangeKind.SETTING_DISABLED, ChangeKind.SETTING_DISABLED.baseSeverity(),
                        AccountId.of("setting:two-factor-requirement"), "acme: 2FA required", null, null, T0,
                        Map.of("setting", "two-factor-requirement"), false),
                new Change(monitor, ChangeKind.SIGN_IN_WITHOUT_MFA, ChangeKind.SIGN_IN_WITHOUT_MFA.baseSeverity().escalated(),
                        AccountId.of("arn:aws:iam::123456789012:root"), "<root_account>", null, null, T0.minusSeconds(60),
                        Map.of("eventId", "ev-1", "sourceIp", "203.0.113.9"), false));
    }

    /**
     * The settings a provider instance is created with, from full keys, as a test writes them.
     *
     * @param scope    the instance's prefix, e.g. {@code mfawatch.monitor.gh}
     * @param fullKeys full keys under {@code scope} to values
     * @return settings scoped to the instance, which throw at the first problem
     */
    public static dev.mfawatch.spi.Settings settings(String scope, java.util.Map<String, String> fullKeys) {
        java.util.Map<String, String> relative = new java.util.HashMap<>();
        fullKeys.forEach((k, v) -> {
            if (!k.startsWith(scope + ".")) {
                throw new IllegalArgumentException(k + " is not under " + scope);
            }
            relative.put(k.substring(scope.length() + 1), v);
        });
        return dev.mfawatch.spi.Settings.of(scope, relative);
    }
}
