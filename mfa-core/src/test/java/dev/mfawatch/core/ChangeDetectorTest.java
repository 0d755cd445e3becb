package dev.mfawatch.core;

import static dev.mfawatch.model.ChangeKind.ADDED;
import static dev.mfawatch.model.ChangeKind.ADDED_WITHOUT_MFA;
import static dev.mfawatch.model.ChangeKind.ADDED_WITH_WEAK_MFA;
import static dev.mfawatch.model.ChangeKind.MFA_DISABLED;
import static dev.mfawatch.model.ChangeKind.MFA_ENABLED;
import static dev.mfawatch.model.ChangeKind.MFA_NOT_REQUIRED;
import static dev.mfawatch.model.ChangeKind.MFA_STRENGTHENED;
import static dev.mfawatch.model.ChangeKind.MFA_WEAKENED;
import static dev.mfawatch.model.ChangeKind.REMOVED;
import static dev.mfawatch.model.MfaState.DISABLED;
import static dev.mfawatch.model.MfaState.ENABLED;
import static dev.mfawatch.model.MfaState.NOT_APPLICABLE;
import static dev.mfawatch.spi.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.AccountId;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.Severity;
import dev.mfawatch.model.SignInEvent;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.WatchedSetting;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChangeDetectorTest {

    private static final Instant T1 = T0.plusSeconds(3600);

    private static Account acct(MfaState state, boolean weak) {
        return new Account(AccountId.of("u1"), "alice", state, weak, false, Map.of());
    }

    private static List<Change> diff(Account before, Account after) {
        return ChangeDetector.diff(Snapshot.of("m", T0, List.of(before)), Snapshot.of("m", T1, List.of(after)));
    }

    @ParameterizedTest(name = "{0} weak={1} -> {2} weak={3}: {4}")
    @CsvSource({
            "ENABLED, false, DISABLED, false, MFA_DISABLED, HIGH",
            "ENABLED, true, DISABLED, false, MFA_DISABLED, HIGH",
            "NOT_APPLICABLE, false, DISABLED, false, MFA_DISABLED, HIGH",
            "DISABLED, false, ENABLED, false, MFA_ENABLED, INFO",
            "DISABLED, false, ENABLED, true, MFA_ENABLED, INFO",
            "DISABLED, false, NOT_APPLICABLE, false, MFA_NOT_REQUIRED, INFO",
            "ENABLED, false, ENABLED, true, MFA_WEAKENED, MEDIUM",
            "ENABLED, true, ENABLED, false, MFA_STRENGTHENED, INFO",
    })
    void everyTransitionOfTheTableHasItsKindAndSeverity(MfaState was, boolean wasWeak, MfaState is, boolean isWeak,
                                                         ChangeKind kind, Severity severity) {
        Account before = acct(was, wasWeak);
        Account after = acct(is, isWeak);
        assertThat(diff(before, after)).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(kind);
            assertThat(c.severity()).isEqualTo(severity);
            assertThat(c.before()).isEqualTo(before);
            assertThat(c.after()).isEqualTo(after);
            assertThat(c.at()).isEqualTo(T1);
            assertThat(c.monitor()).isEqualTo("m");
        });
    }

    @ParameterizedTest(name = "{0} weak={1} -> {2} weak={3}: no change")
    @CsvSource({
            "ENABLED, false, ENABLED, false",
            "ENABLED, true, ENABLED, true",
            "DISABLED, false, DISABLED, false",
            "NOT_APPLICABLE, false, NOT_APPLICABLE, false",
            "ENABLED, false, NOT_APPLICABLE, false",
            "NOT_APPLICABLE, false, ENABLED, false",
            "ENABLED, true, NOT_APPLICABLE, false",
            "NOT_APPLICABLE, false, ENABLED, true",
    })
    void theQuietTransitionsRaiseNothing(MfaState was, boolean wasWeak, MfaState is, boolean isWeak) {
        assertThat(diff(acct(was, wasWeak), acct(is, isWeak))).isEmpty();
    }

    @Test
    void newAccountsAreAddedWithOrWithoutMfa() {
        Snapshot before = Snapshot.of("m", T0, List.of());
        Snapshot now = Snapshot.of("m", T1, List.of(Account.of("a", "a", DISABLED), Account.of("b", "b", ENABLED),
                Account.of("c", "c", NOT_APPLICABLE)));
        assertThat(ChangeDetector.diff(before, now)).extracting(Change::kind, Change::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ADDED_WITHOUT_MFA, Severity.HIGH),
                        org.assertj.core.groups.Tuple.tuple(ADDED, Severity.INFO),
                        org.assertj.core.groups.Tuple.tuple(ADDED, Severity.INFO));
    }

    @Test
    void weakMfaIsAnnouncedWhenFirstSeenNotOnlyWhenWeakened() {
        Account sms = Account.of("a", "a", ENABLED).withWeak(true);
        Account rootOnVirtual = new Account(AccountId.of("arn:aws:iam::1:root"), "<root_account>", ENABLED, true, true, Map.of());
        Account strong = Account.of("s", "s", ENABLED);
        Snapshot now = Snapshot.of("m", T1, List.of(sms, rootOnVirtual, strong));

        // A new account with weak MFA: MEDIUM, HIGH on a critical account.
        assertThat(ChangeDetector.diff(Snapshot.of("m", T0, List.of()), now)).extracting(Change::subjectName, Change::kind, Change::severity)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", ADDED_WITH_WEAK_MFA, Severity.MEDIUM),
                        org.assertj.core.groups.Tuple.tuple("<root_account>", ADDED_WITH_WEAK_MFA, Severity.HIGH),
                        org.assertj.core.groups.Tuple.tuple("s", ADDED, Severity.INFO));
        // A reported baseline names every account with weak MFA; a silent one nothing.
        assertThat(ChangeDetector.baseline(now, BaselinePolicy.REPORT)).extracting(Change::subjectName, Change::kind)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", ADDED_WITH_WEAK_MFA),
                        org.assertj.core.groups.Tuple.tuple("<root_account>", ADDED_WITH_WEAK_MFA));
        assertThat(ChangeDetector.baseline(now, BaselinePolicy.SILENT)).isEmpty();
        // Once seen, the same weak MFA is no change: announced once, not every scan.
        assertThat(ChangeDetector.diff(now, Snapshot.of("m", T1.plusSeconds(60), List.of(sms, rootOnVirtual, strong)))).isEmpty();
    }

    @Test
    void aRemovedAccountIsOnlyRemovedWhateverItsStateWas() {
        for (MfaState state : MfaState.values()) {
            Snapshot before = Snapshot.of("m", T0, List.of(Account.of("a", "a", state)));
            Snapshot now = Snapshot.of("m", T1, List.of());
            assertThat(ChangeDetector.diff(before, now)).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo(REMOVED);
                assertThat(c.severity()).isEqualTo(Severity.INFO);
                assertThat(c.after()).isNull();
                assertThat(c.subjectName()).isEqualTo("a");
            });
        }
    }

    @Test
    void aRenameIsNoChange() {
        Account before = Account.of("github:7", "old-login", DISABLED);
        assertThat(diff(before, before.withName("new-login").withDetails(Map.of("role", "admin")))).isEmpty();
    }

    @Test
    void aRenamedAccountWhoseMfaChangedIsNamedByItsNewName() {
        Account before = Account.of("github:7", "old-login", ENABLED);
        assertThat(diff(before, before.withName("new-login").withState(DISABLED)))
                .singleElement().extracting(Change::subjectName).isEqualTo("new-login");
    }

    @Test
    void criticalAccountsEscalateTheirAlertsButNotTheirGoodNews() {
        Account root = new Account(AccountId.of("arn:aws:iam::1:root"), "<root_account>", ENABLED, false, true, Map.of());
        assertThat(diff(root, root.withState(DISABLED))).singleElement()
                .extracting(Change::severity).isEqualTo(Severity.CRITICAL);
        assertThat(diff(root, root.withWeak(true))).singleElement()
                .extracting(Change::severity).isEqualTo(Severity.HIGH);
        assertThat(diff(root.withState(DISABLED), root)).singleElement()
                .extracting(Change::severity).isEqualTo(Severity.INFO);
        Snapshot first = Snapshot.of("m", T0, List.of(root.withState(DISABLED)));
        assertThat(ChangeDetector.baseline(first, BaselinePolicy.REPORT)).singleElement()
                .extracting(Change::severity).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void changesComeInIdOrderWithSettingsFirst() {
        Snapshot before = new Snapshot("m", T0, List.of(Account.of("b", "b", ENABLED), Account.of("d", "d", ENABLED)),
                List.of(new WatchedSetting("s", "2FA required", true)), "");
        Snapshot now = new Snapshot("m", T1, List.of(Account.of("d", "d", DISABLED), Account.of("a", "a", DISABLED),
                Account.of("c", "c", ENABLED)), List.of(new WatchedSetting("s", "2FA required", false)), "");
        assertThat(ChangeDetector.diff(before, now)).extracting(c -> c.subjectId().value() + ":" + c.kind())
                .containsExactly("setting:s:SETTING_DISABLED", "a:ADDED_WITHOUT_MFA", "b:REMOVED", "c:ADDED",
                        "d:MFA_DISABLED");
    }

    @Test
    void settingsAlertWhenTurnedOffAndReportWhenTurnedBackOn() {
        Snapshot on = new Snapshot("m", T0, List.of(), List.of(new WatchedSetting("2fa", "2FA required", true)), "");
        Snapshot off = new Snapshot("m", T1, List.of(), List.of(new WatchedSetting("2fa", "2FA required", false)), "");
        Snapshot unknown = Snapshot.of("m", T1, List.of());
        assertThat(ChangeDetector.diff(on, off)).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.SETTING_DISABLED);
            assertThat(c.severity()).isEqualTo(Severity.HIGH);
            assertThat(c.details()).containsEntry("setting", "2fa");
            assertThat(c.subjectName()).isEqualTo("2FA required");
        });
        assertThat(ChangeDetector.diff(off, on)).singleElement().extracting(Change::kind).isEqualTo(ChangeKind.SETTING_ENABLED);
        assertThat(ChangeDetector.diff(off, off)).isEmpty();
        assertThat(ChangeDetector.diff(on, unknown)).as("unknown is not off").isEmpty();
        assertThat(ChangeDetector.diff(unknown, off)).as("off once it can be read").singleElement()
                .extracting(Change::kind).isEqualTo(ChangeKind.SETTING_DISABLED);
    }

    @Test
    void aReportedBaselineNamesEveryAccountWithoutMfaAndEverySettingThatIsOff() {
        Snapshot first = new Snapshot("m", T0, List.of(Account.of("a", "a", DISABLED), Account.of("b", "b", ENABLED),
                Account.of("c", "c", NOT_APPLICABLE), Account.of("d", "d", DISABLED)),
                List.of(new WatchedSetting("2fa", "2FA required", false), new WatchedSetting("x", "other", true)), "");
        assertThat(ChangeDetector.baseline(first, BaselinePolicy.REPORT))
                .extracting(c -> c.subjectId().value() + ":" + c.kind())
                .containsExactly("setting:2fa:SETTING_DISABLED", "a:ADDED_WITHOUT_MFA", "d:ADDED_WITHOUT_MFA");
        assertThat(ChangeDetector.baseline(first, BaselinePolicy.SILENT)).isEmpty();
    }

    @Test
    void eventsBecomeSignInsWithoutMfaOncePerEventInTimeOrder() {
        SignInEvent late = new SignInEvent("e2", AccountId.of("arn:u"), "u", T1, false, Map.of("sourceIp", "198.51.100.1"));
        SignInEvent early = new SignInEvent("e1", AccountId.of("arn:root"), "<root_account>", T0, true, Map.of());
        List<Change> changes = ChangeDetector.events("ct", List.of(late, early, late));
        assertThat(changes).extracting(c -> c.details().get("eventId")).containsExactly("e1", "e2");
        assertThat(changes).extracting(Change::severity).containsExactly(Severity.CRITICAL, Severity.HIGH);
        assertThat(changes).allSatisfy(c -> assertThat(c.kind()).isEqualTo(ChangeKind.SIGN_IN_WITHOUT_MFA));
        assertThat(changes.get(1).details()).containsEntry("sourceIp", "198.51.100.1");
        assertThat(changes.get(1).at()).isEqualTo(T1);
    }

    @Test
    void detectUsesTheBaselineOnlyWithoutAStoredSnapshotAndAlwaysAddsEvents() {
        Snapshot now = Snapshot.of("m", T1, List.of(Account.of("a", "a", DISABLED)));
        SignInEvent e = new SignInEvent("e1", AccountId.of("a"), "a", T1, false, Map.of());
        assertThat(ChangeDetector.detect(null, now, List.of(e), BaselinePolicy.SILENT))
                .extracting(Change::kind).containsExactly(ChangeKind.SIGN_IN_WITHOUT_MFA);
        assertThat(ChangeDetector.detect(null, now, List.of(e), BaselinePolicy.REPORT))
                .extracting(Change::kind).containsExactly(ADDED_WITHOUT_MFA, ChangeKind.SIGN_IN_WITHOUT_MFA);
        assertThat(ChangeDetector.detect(now, now, List.of(), BaselinePolicy.REPORT)).isEmpty();
    }

    @Test
    void snapshotsOfTwoMonitorsOrTwoScopesCannotBeCompared() {
        assertThatThrownBy(() -> ChangeDetector.diff(Snapshot.of("a", T0, List.of()), Snapshot.of("b", T0, List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a/default and b/default");
        assertThatThrownBy(() -> ChangeDetector.diff(Snapshot.of("a", "x", T0, List.of()), Snapshot.of("a", "y", T0, List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a/x and a/y");
    }

    @Test
    void changesCarryTheirScopeAndTheirIdComesFromTheTransitionNotTheClock() {
        Account off = Account.of("github:1", "alice", DISABLED);
        Snapshot stored = Snapshot.of("org", "acme", T0, List.of());
        Change found = ChangeDetector.diff(stored, Snapshot.of("org", "acme", T1, List.of(off))).get(0);
        Change foundAgain = ChangeDetector.diff(stored, Snapshot.of("org", "acme", T1.plusSeconds(900), List.of(off))).get(0);
        Change dflt = ChangeDetector.diff(Snapshot.of("org", T0, List.of()), Snapshot.of("org", T1, List.of(off))).get(0);
        assertThat(found.scope()).isEqualTo("acme");
        assertThat(dflt.scope()).isEqualTo(Snapshot.DEFAULT_SCOPE);
        // Found again against the same stored snapshot (the run that found it could not save): the same id.
        assertThat(foundAgain.at()).isNotEqualTo(found.at());
        assertThat(foundAgain.id()).isEqualTo(found.id());
        assertThat(found.id()).isNotEqualTo(dflt.id());
        Change laterTransition = ChangeDetector.diff(Snapshot.of("org", "acme", T1, List.of()),
                Snapshot.of("org", "acme", T1.plusSeconds(60), List.of(off))).get(0);
        assertThat(laterTransition.id()).as("a new stored snapshot is a new transition").isNotEqualTo(found.id());
        assertThat(found.summary()).startsWith("[HIGH] org/acme: ADDED_WITHOUT_MFA alice");
        assertThat(found.toJsonMap()).containsEntry("scope", "acme");
        // Readable in a log or a debugger: the summary line, when and which change, not every field of both accounts.
        assertThat(found.toString()).isEqualTo("Change[" + found.summary() + " at " + found.at() + ", id " + found.id() + "]")
                .doesNotContain("before=").hasSizeLessThan(300);
    }

    @Test
    void theChangeIdIsStableAndIgnoresTheDelayedMark() {
        Change c = diff(acct(ENABLED, false), acct(DISABLED, false)).get(0);
        Change again = diff(acct(ENABLED, false), acct(DISABLED, false)).get(0);
        assertThat(c.id()).hasSize(32).isEqualTo(again.id()).isEqualTo(c.withDelayed(true).id());
        assertThat(c.id()).isNotEqualTo(diff(acct(DISABLED, false), acct(ENABLED, false)).get(0).id());
    }

    @Test
    void allKindsAreUsedAndHaveTheirContractSpelling() {
        assertThat(ChangeKind.values()).extracting(Enum::name).containsExactly("ADDED_WITHOUT_MFA", "ADDED",
                "MFA_DISABLED", "MFA_ENABLED", "MFA_NOT_REQUIRED", "REMOVED", "MFA_WEAKENED", "MFA_STRENGTHENED",
                "ADDED_WITH_WEAK_MFA", "STILL_WITHOUT_MFA", "SIGN_IN_WITHOUT_MFA", "SETTING_DISABLED", "SETTING_ENABLED");
        assertThat(Severity.values()).extracting(Enum::name).containsExactly("INFO", "MEDIUM", "HIGH", "CRITICAL");
        assertThat(MfaState.values()).extracting(Enum::name).containsExactly("ENABLED", "DISABLED", "NOT_APPLICABLE");
        assertThat(List.of(MFA_DISABLED, MFA_ENABLED, MFA_NOT_REQUIRED, MFA_WEAKENED, MFA_STRENGTHENED))
                .allMatch(k -> k.subject() == ChangeKind.Subject.ACCOUNT);
    }
}
