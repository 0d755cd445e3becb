package dev.mfawatch.core;

import static dev.mfawatch.model.MfaState.DISABLED;
import static dev.mfawatch.model.MfaState.ENABLED;
import static dev.mfawatch.spi.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.NotifierException;
import dev.mfawatch.model.SnapshotStoreException;
import dev.mfawatch.spi.Notifier;
import dev.mfawatch.spi.PendingDelivery;
import dev.mfawatch.spi.contract.ForwardingSnapshotStore;
import dev.mfawatch.spi.contract.RecordingNotifier;
import dev.mfawatch.spi.contract.ScriptedMonitor;
import dev.mfawatch.spi.contract.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Deliveries that go wrong in every way a notifier can: none of it stalls the run or loses a change. */
class DeliveryQueueTest {

    private static final Account ANA = Account.of("github:1", "ana", ENABLED);

    private final TestClock clock = new TestClock(T0, Duration.ofSeconds(1));
    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    private final RecordingNotifier healthy = new RecordingNotifier();

    private MfaWatch watch(Map<String, String> settings, ScriptedMonitor gh, Notifier other) {
        return MfaWatch.builder().settings(settings).clock(clock).store(store).monitor("gh", gh)
                .notifier("other", other).notifier("healthy", healthy).build();
    }

    private static ScriptedMonitor flipping() {
        // Each scan turns ana's MFA over, so every run has a change to deliver.
        return new ScriptedMonitor().then(ANA).then(ANA.withState(DISABLED)).then(ANA).then(ANA.withState(DISABLED)).then(ANA);
    }

    @Test
    void aHangingNotifierIsAbandonedAtItsDeadlineAndTheRunGoesOn() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Notifier hanging = changes -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        };
        try (MfaWatch watch = watch(Map.of("mfawatch.notifier.other.deadline", "200ms"), flipping(), hanging)) {
            watch.run();
            long started = System.nanoTime();
            RunReport r = watch.run();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(r.failures()).anySatisfy(f -> assertThat(f).startsWith("notifier other did not finish within its deadline "
                    + "of 200ms (mfawatch.notifier.other.deadline) and was abandoned; 1 change(s) are kept for the next run"));
            assertThat(r.deliveries()).extracting(DeliveryOutcome::notifier, DeliveryOutcome::failed)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("other", true), org.assertj.core.groups.Tuple.tuple("healthy", false));
            assertThat(healthy.received()).hasSize(1);
            assertThat(store.pending()).singleElement().satisfies(p -> assertThat(p.notifier()).isEqualTo("other"));
            assertThat(r.monitor("gh").status()).as("the snapshot is saved: the change is parked").isEqualTo(MonitorStatus.OK);
            assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the abandoned call was interrupted").isTrue();
        }
    }

    @Test
    void aNotifierThrowingAnErrorFailsAloneAndTheRunDoesNotThrow() {
        Notifier oom = changes -> {
            throw new OutOfMemoryError("simulated");
        };
        try (MfaWatch watch = watch(Map.of(), flipping(), oom)) {
            watch.run();
            RunReport r = watch.run();
            assertThat(r.failures()).anySatisfy(f -> assertThat(f).contains("notifier other failed", "OutOfMemoryError: simulated"));
            assertThat(healthy.received()).hasSize(1);
            assertThat(store.pending()).hasSize(1);
            assertThat(store.load("gh").orElseThrow().accounts()).extracting(Account::state).containsExactly(DISABLED);
        }
    }

    @Test
    void aNotifierRefusedForEverReachesTheDeadLettersAndEveryRunFailsUntilTheyAreDroppedOrRetried() {
        Notifier refused = changes -> {
            throw new NotifierException("410 gone", null);
        };
        try (MfaWatch watch = watch(Map.of("mfawatch.delivery.max-attempts", "3"), flipping(), refused)) {
            watch.run();
            RunReport second = watch.run();
            Change first = healthy.received().get(0);
            assertThat(second.pending()).isEqualTo(1);
            watch.run();
            RunReport fourth = watch.run();
            // The first change failed three times (runs 2, 3, 4): it is a dead letter now; later ones are still pending.
            assertThat(store.deadLetters()).extracting(p -> p.change().id()).containsExactly(first.id());
            assertThat(fourth.deadLetters()).isEqualTo(1);
            assertThat(fourth.failures()).anySatisfy(f -> assertThat(f).startsWith("1 delivery(ies) to notifier other failed 3 times"))
                    .anySatisfy(f -> assertThat(f).startsWith("1 delivery(ies) are dead letters and reached no one"));
            assertThat(fourth.failed()).isTrue();
            RunReport fifth = watch.run();
            // The second change has failed three times by now too; the failure stays while any dead letter waits.
            assertThat(fifth.failures()).as("still failing while dead letters wait")
                    .anySatisfy(f -> assertThat(f).startsWith("2 delivery(ies) are dead letters"));

            try (var lease = store.lease()) {
                store.dropDeadLetters(store.deadLetters().stream().map(PendingDelivery::key).toList());
            }
            assertThat(store.deadLetters()).isEmpty();
            // Nothing was lost meanwhile: the healthy notifier had every change at once.
            assertThat(healthy.received()).hasSize(4);
        }
    }

    @Test
    void aDeliveryPendingLongerThanMaxAgeBecomesADeadLetter() {
        Notifier refused = changes -> {
            throw new NotifierException("down", null);
        };
        try (MfaWatch watch = watch(Map.of("mfawatch.delivery.max-age", "1h"), flipping(), refused)) {
            watch.run();
            watch.run();
            assertThat(store.pending()).hasSize(1);
            clock.advance(Duration.ofHours(2));
            RunReport r = watch.run();
            assertThat(r.deadLetters()).isEqualTo(1);
            assertThat(store.deadLetters()).extracting(PendingDelivery::notifier).containsExactly("other");
        }
    }

    @Test
    void deliveriesForANotifierNoLongerConfiguredAreAWarningAndKept() {
        try (var lease = store.lease()) {
            store.park(List.of(new PendingDelivery("retired", dev.mfawatch.spi.contract.Fixtures.mixedChanges("gh").get(0), T0, 1)));
        }
        try (MfaWatch watch = MfaWatch.builder().settings(Map.of()).clock(clock).store(store)
                .monitor("gh", new ScriptedMonitor().then(ANA)).notifier("healthy", healthy).build()) {
            RunReport r = watch.run();
            assertThat(r.warnings()).singleElement().asString().startsWith("1 pending deliveries are for notifier 'retired', "
                    + "which is not configured");
            assertThat(r.pending()).isEqualTo(1);
        }
    }

    @Test
    void pendingDeliveriesThatCannotBeReadAreAFailureNeverCountedAsZero() {
        ForwardingSnapshotStore broken = new ForwardingSnapshotStore(store) {
            @Override
            public List<PendingDelivery> pending() {
                throw new SnapshotStoreException("pending.json cannot be read: it is corrupt", null);
            }

            @Override
            public List<PendingDelivery> deadLetters() {
                throw new SnapshotStoreException("pending.json cannot be read: it is corrupt", null);
            }
        };
        try (MfaWatch watch = MfaWatch.builder().settings(Map.of()).clock(clock).store(broken)
                .monitor("gh", new ScriptedMonitor().then(ANA)).build()) {
            RunReport r = watch.run();
            assertThat(r.pending()).isEqualTo(-1);
            assertThat(r.deadLetters()).isEqualTo(-1);
            assertThat(r.failed()).isTrue();
            assertThat(r.failures()).anySatisfy(f -> assertThat(f).startsWith("the store's pending deliveries cannot be read, so they are not counted"));
        }
    }
}
