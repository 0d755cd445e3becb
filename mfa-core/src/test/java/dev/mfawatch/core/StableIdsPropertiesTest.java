package dev.mfawatch.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.AccountId;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.NotifierException;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.SnapshotStoreException;
import dev.mfawatch.spi.PendingDelivery;
import dev.mfawatch.spi.contract.ForwardingSnapshotStore;
import dev.mfawatch.spi.contract.RecordingNotifier;
import dev.mfawatch.spi.contract.ScriptedMonitor;
import dev.mfawatch.spi.contract.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * A change found again, because the run that found it could not finish its work, has the same id:
 * receivers can tell a repeat from a new alert whatever went wrong in between.
 */
class StableIdsPropertiesTest {

    /** How the run that first finds the changes ends. */
    enum Mishap {
        /** Killed after delivering, before saving: nothing of the save reached the store. */
        KILLED_BEFORE_SAVE,
        /** The save failed. */
        SAVE_FAILED,
        /** A notifier failed and the changes could not be parked either. */
        PARK_FAILED
    }

    /** A store whose writes can be broken the way a mishap breaks them. */
    private static final class Troubled extends ForwardingSnapshotStore {
        Mishap mishap;
        boolean active;

        Troubled() {
            super(new InMemorySnapshotStore());
        }

        @Override
        public void save(Snapshot snapshot) {
            if (active && mishap == Mishap.KILLED_BEFORE_SAVE) {
                return;
            }
            if (active && mishap == Mishap.SAVE_FAILED) {
                throw new SnapshotStoreException("disk full", null);
            }
            inner.save(snapshot);
        }

        @Override
        public void park(List<PendingDelivery> deliveries) {
            if (active && mishap == Mishap.PARK_FAILED) {
                throw new SnapshotStoreException("disk full", null);
            }
            inner.park(deliveries);
        }
    }

    private static Gen<List<Account>> accounts() {
        Gen<Account> account = integers().between(0, 12).zip(arbitrary().enumValues(MfaState.class),
                (id, state) -> Account.of("id-" + id, "user" + id, state));
        return lists().of(account).ofSizeBetween(0, 10).map(list -> {
            Map<AccountId, Account> unique = new LinkedHashMap<>();
            list.forEach(a -> unique.putIfAbsent(a.id(), a));
            return new ArrayList<>(unique.values());
        });
    }

    @Test
    void aChangeFoundAgainAfterAMishapHasTheSameId() {
        qt().withExamples(150).forAll(accounts(), accounts(), arbitrary().enumValues(Mishap.class)).checkAssert((before, after, mishap) -> {
            Troubled store = new Troubled();
            store.mishap = mishap;
            RecordingNotifier notifier = new RecordingNotifier();
            boolean[] refuse = {false};
            dev.mfawatch.spi.Notifier flaky = changes -> {
                if (refuse[0]) {
                    throw new NotifierException("down", null);
                }
                notifier.deliver(changes);
            };
            ScriptedMonitor monitor = new ScriptedMonitor().then(before.toArray(Account[]::new)).then(after.toArray(Account[]::new))
                    .then(after.toArray(Account[]::new));
            TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(7));
            // The max-removed guard is off: this property is about ids, and the guard has its own tests.
            try (MfaWatch watch = MfaWatch.builder().settings(Map.of("mfawatch.monitor.m.max-removed", "0%")).clock(clock).store(store)
                    .monitor("m", monitor).notifier("n", flaky).build()) {
                watch.run();
                store.active = true;
                refuse[0] = mishap == Mishap.PARK_FAILED;
                List<String> first = watch.run().changes().stream().map(Change::id).toList();
                store.active = false;
                refuse[0] = false;
                List<Change> again = watch.run().changes();
                assertThat(again).extracting(Change::id).as("found again after %s", mishap).isEqualTo(first);
                if (mishap != Mishap.PARK_FAILED) {
                    // Delivered twice (before the mishap and after it): the receiver sees the same ids twice.
                    List<String> delivered = notifier.received().stream().map(Change::id).toList();
                    assertThat(delivered).containsAll(first);
                }
            }
        });
    }
}
