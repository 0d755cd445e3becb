package dev.mfawatch.core;

import static dev.mfawatch.model.MfaState.DISABLED;
import static dev.mfawatch.model.MfaState.ENABLED;
import static dev.mfawatch.spi.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.HistoryRecord;
import dev.mfawatch.spi.contract.RecordingNotifier;
import dev.mfawatch.spi.contract.ScriptedMonitor;
import dev.mfawatch.spi.contract.TestClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One monitor watching several scopes: each has its own snapshot, status, baseline and history. */
class ScopesTest {

    private static final Account ANA = Account.of("aws:ana", "ana", ENABLED);
    private static final Account BEN = Account.of("aws:ben", "ben", ENABLED);
    private static final Account CAL = Account.of("aws:cal", "cal", DISABLED);

    private final TestClock clock = new TestClock(T0, Duration.ofMinutes(1));
    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    private final RecordingNotifier notifier = new RecordingNotifier();

    private static Map<String, List<Account>> scopes(Object... idsAndAccounts) {
        Map<String, List<Account>> m = new LinkedHashMap<>();
        for (int i = 0; i < idsAndAccounts.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<Account> accounts = (List<Account>) idsAndAccounts[i + 1];
            m.put((String) idsAndAccounts[i], accounts);
        }
        return m;
    }

    private MfaWatch watch(ScriptedMonitor org) {
        return MfaWatch.builder().settings(Map.of()).clock(clock).store(store).monitor("org", org).notifier("audit", notifier).build();
    }

    @Test
    void oneOfThreeScopesFailsAndTheOthersReportTheirChanges() {
        ScriptedMonitor org = new ScriptedMonitor()
                .thenScopes(scopes("111111111111", List.of(ANA), "222222222222", List.of(BEN), "333333333333", List.of(ANA, BEN)))
                .thenScopes(scopes("111111111111", List.of(ANA.withState(DISABLED)), "333333333333", List.of(ANA)), "222222222222");
        try (MfaWatch watch = watch(org)) {
            assertThat(watch.run().failed()).isFalse();
            RunReport r = watch.run();

            assertThat(r.changes()).extracting(c -> c.scope() + " " + c.kind() + " " + c.subjectName())
                    .containsExactly("111111111111 MFA_DISABLED ana", "333333333333 REMOVED ben");
            MonitorOutcome m = r.monitor("org");
            assertThat(m.status()).isEqualTo(MonitorStatus.FAILED);
            assertThat(m.error()).isEqualTo("1 of 3 scope(s) failed: 222222222222");
            assertThat(m.scopes()).extracting(s -> s.id() + "=" + s.status() + "/" + s.accounts() + "/" + s.withoutMfa())
                    .containsExactly("111111111111=OK/1/1", "222222222222=FAILED/1/0", "333333333333=OK/1/0");
            assertThat(m.scopes().get(1).error()).contains("scripted failure of scope 222222222222", "its old snapshot is kept");
            assertThat(m.accounts()).isEqualTo(3);
            assertThat(r.failures()).singleElement().asString().contains("scope 222222222222 failed");
            // The failed scope keeps what it had; the others move on.
            assertThat(store.load("org", "222222222222").orElseThrow().accounts()).containsExactly(BEN);
            assertThat(store.load("org", "111111111111").orElseThrow().accounts()).extracting(Account::state).containsExactly(DISABLED);
            assertThat(notifier.received()).extracting(Change::scope).contains("111111111111", "333333333333");
        }
    }

    @Test
    void aScopeThatAppearsGetsItsBaselineAndOneThatDisappearsIsReportedOnceNotAsRemovals() {
        ScriptedMonitor org = new ScriptedMonitor()
                .thenScopes(scopes("old", List.of(ANA, CAL)))
                .thenScopes(scopes("new", List.of(BEN, CAL)))
                .thenScopes(scopes("new", List.of(BEN, CAL)));
        try (MfaWatch watch = watch(org)) {
            watch.run();
            RunReport second = watch.run();
            assertThat(second.changes()).extracting(c -> c.scope() + " " + c.kind() + " " + c.subjectName())
                    .containsExactly("new ADDED_WITHOUT_MFA cal");
            assertThat(second.changes()).noneMatch(c -> c.kind() == ChangeKind.REMOVED);
            assertThat(second.monitor("org").scopes()).extracting(s -> s.id() + "=" + s.status() + " baseline=" + s.baseline())
                    .containsExactly("new=OK baseline=true", "old=GONE baseline=false");
            assertThat(second.monitor("org").status()).isEqualTo(MonitorStatus.OK);
            assertThat(second.monitor("org").accounts()).as("a gone scope is not counted").isEqualTo(2);
            assertThat(second.warnings()).singleElement().asString().startsWith("monitor org no longer watches scope old");
            assertThat(store.scopes("org")).containsExactly("new");

            RunReport third = watch.run();
            assertThat(third.monitor("org").scopes()).extracting(ScopeOutcome::id).containsExactly("new");
            assertThat(third.warnings()).isEmpty();
        }
    }

    @Test
    void aMonitorThatWatchesNothingAnyMoreReportsEveryScopeGoneAndNoRemoval() {
        ScriptedMonitor org = new ScriptedMonitor().thenScopes(scopes("a", List.of(ANA), "b", List.of(BEN))).thenScopes(Map.of());
        try (MfaWatch watch = watch(org)) {
            watch.run();
            RunReport r = watch.run();
            assertThat(r.changes()).isEmpty();
            assertThat(r.monitor("org").scopes()).extracting(ScopeOutcome::status).containsOnly(ScopeStatus.GONE);
            assertThat(r.monitor("org").accounts()).isZero();
            assertThat(store.scopes("org")).isEmpty();
        }
    }

    @Test
    void everySavedScopeLeavesAHistoryRecordWithItsCountsAndChanges() {
        ScriptedMonitor org = new ScriptedMonitor()
                .thenScopes(scopes("a", List.of(ANA, CAL), "b", List.of(BEN)))
                .thenScopes(scopes("a", List.of(ANA, CAL.withState(ENABLED)), "b", List.of(BEN)), "c");
        try (MfaWatch watch = watch(org)) {
            watch.run();
            watch.run();
        }
        List<HistoryRecord> history = store.history("org", T0, T0.plus(Duration.ofDays(1)));
        assertThat(history).extracting(h -> h.scope() + " " + h.accounts() + " " + h.withoutMfa() + " " + h.changes().size())
                .containsExactly("a 2 1 1", "b 1 0 0", "a 2 0 1", "b 1 0 0");
        assertThat(history.get(2).changes()).extracting(Change::kind).containsExactly(ChangeKind.MFA_ENABLED);
    }

    @Test
    void historyOlderThanItsRetentionIsDropped() {
        ScriptedMonitor org = new ScriptedMonitor().then(ANA);
        try (MfaWatch watch = MfaWatch.builder().settings(Map.of("mfawatch.history.keep", "2d")).clock(clock).store(store)
                .monitor("org", org).build()) {
            watch.run();
            clock.advance(Duration.ofDays(3));
            watch.run();
        }
        assertThat(store.history("org", T0, T0.plus(Duration.ofDays(10)))).hasSize(1)
                .allSatisfy(h -> assertThat(h.at()).isAfter(T0.plus(Duration.ofDays(2))));
    }

    @Test
    void theLeaseIsHeldDuringARunOnlyAndASingleScopeMonitorIsItsDefaultScope() {
        try (MfaWatch watch = watch(new ScriptedMonitor().then(ANA))) {
            RunReport r = watch.run();
            assertThat(r.monitor("org").scopes()).extracting(ScopeOutcome::id).containsExactly(Snapshot.DEFAULT_SCOPE);
            assertThat(r.monitor("org").scoped()).isFalse();
            assertThat(r.changes()).isEmpty();
            // Between runs the store is free: a reader or another writer may take it.
            store.lease().close();
        }
    }
}
