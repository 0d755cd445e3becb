package dev.mfawatch.core;

import static dev.mfawatch.model.MfaState.DISABLED;
import static dev.mfawatch.model.MfaState.ENABLED;
import static dev.mfawatch.spi.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.core.Instances.MonitorInstance;
import dev.mfawatch.core.MonitorRun.ScopeState;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.Exemption;
import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.SnapshotStoreException;
import dev.mfawatch.spi.ScanResult;
import dev.mfawatch.spi.ScopeResult;
import dev.mfawatch.spi.contract.ForwardingSnapshotStore;
import dev.mfawatch.spi.contract.RecordingNotifier;
import dev.mfawatch.spi.contract.ScriptedMonitor;
import dev.mfawatch.spi.contract.TestClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each step of the run's pipeline alone, from the values it is given. */
class PipelineStepsTest {

    private static final Account ANA = Account.of("hr:1", "ana", ENABLED);
    private static final Account BEN = Account.of("hr:2", "ben", DISABLED);
    private static final FindingRule RULE = FindingRule.generic("hr");

    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    private final Journal journal = new Journal(s -> s.replace("s3cret", "****"));
    private final MonitorInstance hr = new MonitorInstance("hr", "custom", new ScriptedMonitor(), Duration.ofSeconds(5));

    private RunExecution.Plan plan(List<Exemption> exemptions) {
        return new RunExecution.Plan(List.of(hr), List.of(), store, BaselinePolicy.REPORT, new TestClock(T0), s -> s, exemptions,
                Duration.ZERO, Duration.ofDays(400), 50, Duration.ofDays(7));
    }

    private static MonitorRun started(Map<String, Snapshot> previous) {
        return MonitorRun.start(new MonitorInstance("hr", "custom", new ScriptedMonitor(), Duration.ofSeconds(5)), RULE)
                .withPrevious(previous);
    }

    @Test
    void compareDiffsEachScopeAppliesExemptionsAndNamesTheRule() {
        Snapshot stored = Snapshot.of("hr", "eu", T0, List.of(ANA, BEN));
        ScanResult scanned = ScanResult.ofScopes(List.of(
                ScopeResult.seen(Snapshot.of("hr", "eu", T0.plusSeconds(60), List.of(ANA.withState(DISABLED), BEN)), List.of()),
                ScopeResult.failed("us", "the export is unreadable")), List.of());
        Exemption benIsExempt = new Exemption("hr", BEN.id().value(), "on leave", LocalDate.of(2027, 1, 1));
        MonitorRun compared = RunExecution.compare(started(Map.of("eu", stored)), scanned, plan(List.of(benIsExempt)), journal);

        ScopeState eu = compared.scopes().get("eu");
        assertThat(eu.changes()).extracting(Change::kind, Change::subjectName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ChangeKind.MFA_DISABLED, "ana"));
        assertThat(eu.changes().get(0).rule()).isEqualTo(RULE);
        assertThat(eu.exempt()).isEqualTo(1);
        assertThat(compared.scopes().get("us").status()).isEqualTo(ScopeStatus.FAILED);
        assertThat(compared.status()).isEqualTo(MonitorStatus.FAILED);
        assertThat(compared.error()).isEqualTo("1 of 2 scope(s) failed: us");
        assertThat(journal.failures()).singleElement().asString().contains("scope us failed", "the export is unreadable");
    }

    @Test
    void saveKeepsTheOldSnapshotOfAnUnsafeScopeAndRetiresAGoneOne() {
        Snapshot euBefore = Snapshot.of("hr", "eu", T0, List.of(ANA));
        Snapshot usBefore = Snapshot.of("hr", "us", T0, List.of(BEN));
        try (var lease = store.lease()) {
            store.save(euBefore);
            store.save(usBefore);
            store.save(Snapshot.of("hr", "old", T0, List.of()));
            MonitorRun compared = RunExecution.compare(started(Map.of("eu", euBefore, "us", usBefore,
                            "old", Snapshot.of("hr", "old", T0, List.of()))),
                    ScanResult.ofScopes(List.of(
                            ScopeResult.seen(Snapshot.of("hr", "eu", T0.plusSeconds(60), List.of(ANA.withState(DISABLED))), List.of()),
                            ScopeResult.seen(Snapshot.of("hr", "us", T0.plusSeconds(60), List.of(BEN.withState(ENABLED))), List.of())),
                            List.of()), plan(List.of()), journal);
            MonitorRun saved = RunExecution.save(compared, Set.of(DeliveryQueue.scopeKey("hr", "eu")), store, journal);

            assertThat(saved.scopes().get("eu").status()).isEqualTo(ScopeStatus.FAILED);
            assertThat(saved.status()).isEqualTo(MonitorStatus.FAILED);
            assertThat(store.load("hr", "eu")).contains(euBefore);
            assertThat(store.load("hr", "us").orElseThrow().accounts()).containsExactly(BEN.withState(ENABLED));
            assertThat(store.scopes("hr")).containsExactly("eu", "us");
        }
    }

    @Test
    void loadFailsOnlyThatMonitorWhenItsSnapshotsCannotBeRead() {
        ForwardingSnapshotStore broken = new ForwardingSnapshotStore(store) {
            @Override
            public List<String> scopes(String monitor) {
                throw new SnapshotStoreException("snapshot-hr.json is corrupt; token s3cret", null);
            }
        };
        MonitorRun loaded = RunExecution.load(MonitorRun.start(hr, RULE), broken, journal);
        assertThat(loaded.status()).isEqualTo(MonitorStatus.FAILED);
        assertThat(loaded.error()).contains("cannot be read, so it was not scanned", "token ****").doesNotContain("s3cret");
    }

    @Test
    void theOutcomeCountsTheScopesThatAreNotGoneAndNamesWhoHasNoMfa() {
        MonitorRun run = started(Map.of()).withScopes(Map.of(
                "a", new ScopeState("a", null, Snapshot.of("hr", "a", T0, List.of(ANA, BEN)), List.of(), ScopeStatus.OK, null, 0),
                "b", ScopeState.gone("b", Snapshot.of("hr", "b", T0, List.of(BEN)))), MonitorStatus.OK, null);
        MonitorOutcome o = RunExecution.outcome(run, List.of());
        assertThat(o.accounts()).isEqualTo(2);
        assertThat(o.withoutMfa()).isEqualTo(1);
        assertThat(o.withoutMfaNames()).containsExactly("ben");
        assertThat(o.scopes()).extracting(ScopeOutcome::id, ScopeOutcome::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", ScopeStatus.OK), org.assertj.core.groups.Tuple.tuple("b", ScopeStatus.GONE));
    }

    @Test
    void theDeliveryQueueAloneParksWhatAFailingNotifierMissedAndAcknowledgesWhatArrived() {
        RecordingNotifier ok = new RecordingNotifier();
        RecordingNotifier failing = new RecordingNotifier().failNext(1);
        Change c = dev.mfawatch.spi.contract.Fixtures.mixedChanges("hr").get(0);
        try (var lease = store.lease()) {
            DeliveryQueue queue = new DeliveryQueue(store, List.of(
                    new Instances.NotifierInstance("ok", "custom", ok, Duration.ofSeconds(5)),
                    new Instances.NotifierInstance("failing", "custom", failing, Duration.ofSeconds(5))),
                    new TestClock(T0), journal, 50, Duration.ofDays(7));
            DeliveryQueue.Result r = queue.deliver(List.of(c));
            assertThat(r.outcomes()).extracting(DeliveryOutcome::failed).containsExactly(false, true);
            assertThat(r.unsafeScopes()).isEmpty();
            assertThat(store.pending()).extracting(p -> p.notifier() + "/" + p.change().id()).containsExactly("failing/" + c.id());

            DeliveryQueue.Result again = new DeliveryQueue(store, List.of(
                    new Instances.NotifierInstance("failing", "custom", failing, Duration.ofSeconds(5))),
                    new TestClock(T0), journal, 50, Duration.ofDays(7)).deliver(List.of());
            assertThat(again.outcomes()).singleElement().satisfies(d -> assertThat(d.late()).isEqualTo(1));
            assertThat(store.pending()).isEmpty();
            assertThat(failing.received()).singleElement().satisfies(x -> assertThat(x.delayed()).isTrue());
        }
    }
}
