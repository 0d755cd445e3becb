package dev.mfawatch.core;

import static dev.mfawatch.spi.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.AccountId;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.Severity;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.WatchedSetting;
import dev.mfawatch.spi.PendingDelivery;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void accountIdsMustBeUsable() {
        assertThatThrownBy(() -> AccountId.of(" ")).hasMessage("account id must not be blank");
        assertThatThrownBy(() -> AccountId.of("a\nb")).hasMessageContaining("control characters");
        assertThatThrownBy(() -> AccountId.of("x".repeat(AccountId.MAX_LENGTH + 1))).hasMessageContaining("longer than");
    }

    @Test
    void onlyEnabledAccountsCanBeWeak() {
        assertThatThrownBy(() -> new Account(AccountId.of("a"), "a", MfaState.DISABLED, true, false, Map.of()))
                .hasMessage("account a: only an ENABLED account can have weak MFA, not DISABLED");
        Account weak = new Account(AccountId.of("a"), "a", MfaState.ENABLED, true, false, Map.of());
        assertThat(weak.withState(MfaState.DISABLED).weak()).isFalse();
    }

    @Test
    void accountDetailsAreCopiedSortedAndBounded() {
        Map<String, String> details = new HashMap<>(Map.of("z", "1", "a", "2"));
        Account a = Account.of("a", "a", MfaState.ENABLED).withDetails(details);
        details.put("m", "3");
        assertThat(a.details()).containsExactly(Map.entry("a", "2"), Map.entry("z", "1"));
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i <= Account.MAX_DETAILS; i++) {
            tooMany.put("k" + i, "v");
        }
        assertThatThrownBy(() -> a.withDetails(tooMany)).hasMessage("account a: more than 32 details");
        assertThatThrownBy(() -> a.withDetails(Map.of(" ", "v"))).hasMessage("account a: detail keys must not be blank");
    }

    @Test
    void snapshotsSortAccountsAndRefuseDuplicateIds() {
        Snapshot s = Snapshot.of("m", T0, List.of(Account.of("b", "b", MfaState.ENABLED), Account.of("a", "a", MfaState.DISABLED)));
        assertThat(s.accounts()).extracting(x -> x.id().value()).containsExactly("a", "b");
        assertThat(s.account(AccountId.of("b"))).map(Account::name).contains("b");
        assertThat(s.account(AccountId.of("c"))).isEmpty();
        assertThat(s.withoutMfa()).extracting(Account::name).containsExactly("a");
        assertThatThrownBy(() -> Snapshot.of("m", T0, List.of(Account.of("a", "x", MfaState.ENABLED), Account.of("a", "y", MfaState.DISABLED))))
                .hasMessage("monitor m: account id a appears twice");
        assertThatThrownBy(() -> Snapshot.of("Bad Name", T0, List.of())).hasMessageContaining("monitor name 'Bad Name' is not valid");
        assertThat(s.toString()).contains("accounts=2", "withoutMfa=1").doesNotContain("name-of");
    }

    @Test
    void aChangeMustFitItsKind() {
        Account a = Account.of("a", "a", MfaState.DISABLED);
        assertThatThrownBy(() -> new Change("m", ChangeKind.REMOVED, Severity.INFO, a.id(), "a", null, a, T0, Map.of(), false))
                .hasMessage("REMOVED of a must have a before and must not have an after account");
        assertThatThrownBy(() -> new Change("m", ChangeKind.SETTING_DISABLED, Severity.HIGH, a.id(), "a", a, null, T0, Map.of(), false))
                .hasMessageContaining("must not have a before");
        assertThatThrownBy(() -> new Change("m", ChangeKind.ADDED, Severity.INFO, AccountId.of("other"), "a", null, a, T0, Map.of(), false))
                .hasMessage("ADDED of other carries another account");
    }

    @Test
    void carryingSettingsForwardKeepsOnlyWhatTheNewScanCouldNotRead() {
        Snapshot old = new Snapshot("m", T0, List.of(), List.of(new WatchedSetting("a", "A", false), new WatchedSetting("b", "B", true)), "");
        Snapshot now = new Snapshot("m", T0, List.of(), List.of(new WatchedSetting("b", "B", false)), "");
        assertThat(now.carryForwardSettings(old).settings())
                .containsExactly(new WatchedSetting("a", "A", false), new WatchedSetting("b", "B", false));
        assertThat(old.carryForwardSettings(now)).isSameAs(old);
    }

    @Test
    void pendingDeliveriesAreKeyedByNotifierAndChange() {
        Change c = dev.mfawatch.spi.contract.Fixtures.mixedChanges("m").get(0);
        assertThat(new PendingDelivery("slack", c, T0, 1).key()).isEqualTo("slack/" + c.id());
        assertThatThrownBy(() -> new PendingDelivery("slack", c, T0, 0)).hasMessageContaining("at least 1");
    }

    @Test
    void severitiesOrderAndEscalate() {
        assertThat(Severity.HIGH.isAtLeast(Severity.MEDIUM)).isTrue();
        assertThat(Severity.INFO.isAtLeast(Severity.MEDIUM)).isFalse();
        assertThat(List.of(Severity.values())).extracting(Severity::escalated)
                .containsExactly(Severity.INFO, Severity.HIGH, Severity.CRITICAL, Severity.CRITICAL);
    }
}
