package dev.mfawatch.spi.contract;

import static dev.mfawatch.spi.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.model.Change;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.SnapshotStoreException;
import dev.mfawatch.spi.HistoryRecord;
import dev.mfawatch.spi.PendingDelivery;
import dev.mfawatch.spi.SnapshotStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SnapshotStore} must have. A store module extends this class and
 * implements {@link #subject()}; stores that persist also override {@link #reopen} and
 * {@link #secondView}, and a store that existed in 0.1 overrides {@link #placeA01Snapshot}.
 */
public abstract class SnapshotStoreContract {

    private final List<SnapshotStore> opened = new ArrayList<>();
    private final List<SnapshotStore.WriterLease> leases = new ArrayList<>();

    /**
     * A new, empty store. Called once per test (and again by {@link #reopen}).
     *
     * @return the store
     */
    protected abstract SnapshotStore subject();

    /**
     * Closes a store and opens it again on the same state, as a later run would. A store that keeps
     * state only in memory returns the same instance.
     *
     * @param store the store
     * @return the store as a later run sees it
     */
    protected SnapshotStore reopen(SnapshotStore store) {
        return store;
    }

    /**
     * Another store object over the same state, as a second process would open it (a report while a
     * run writes, or a second run). A store that keeps state only in memory returns the same instance.
     *
     * @param store the store
     * @return a second view of its state, which the kit closes
     */
    protected SnapshotStore secondView(SnapshotStore store) {
        return store;
    }

    /**
     * Puts a snapshot where mfa-watch 0.1 kept it, in 0.1's format, as an upgrade finds it. A store
     * new since 0.2 keeps the default, which saves it through the 0.1 API (no scope given).
     *
     * @param store    the store, holding the writer lease
     * @param snapshot a default-scope snapshot with no watched settings and no cursor
     */
    protected void placeA01Snapshot(SnapshotStore store, Snapshot snapshot) {
        store.save(new Snapshot(snapshot.monitor(), snapshot.takenAt(), snapshot.accounts(), List.of(), ""));
    }

    /** A store holding its writer lease, as a run has it. */
    private SnapshotStore open() {
        SnapshotStore s = subject();
        opened.add(s);
        leases.add(s.lease());
        return s;
    }

    private SnapshotStore again(SnapshotStore s) {
        SnapshotStore r = reopen(s);
        opened.add(r);
        return r;
    }

    @AfterEach
    void closeStores() {
        leases.forEach(SnapshotStore.WriterLease::close);
        opened.forEach(SnapshotStore::close);
    }

    // ----- the writer lease -----------------------------------------------------------------------

    @Test
    void writingWithoutTheLeaseIsRefused() {
        SnapshotStore store = subject();
        opened.add(store);
        assertThatThrownBy(() -> store.save(Fixtures.richSnapshot("gh", T0))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lease");
        assertThatThrownBy(() -> store.park(List.of(new PendingDelivery("slack", Fixtures.mixedChanges("gh").get(0), T0, 1))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.load("gh")).isEmpty();
        assertThat(store.pending()).isEmpty();
    }

    @Test
    void aSecondWriterIsRefusedUntilTheFirstGivesTheLeaseBack() {
        SnapshotStore first = subject();
        opened.add(first);
        SnapshotStore.WriterLease lease = first.lease();
        SnapshotStore second = secondView(first);
        if (second != first) {
            opened.add(second);
        }
        assertThatThrownBy(second::lease).isInstanceOf(SnapshotStoreException.class).hasMessageContaining("writ");
        first.save(Fixtures.richSnapshot("gh", T0));
        lease.close();
        lease.close();
        try (SnapshotStore.WriterLease next = second.lease()) {
            second.save(Fixtures.richSnapshot("aws", T0));
        }
        assertThat(first.load("aws")).contains(Fixtures.richSnapshot("aws", T0));
        assertThat(second.load("gh")).contains(Fixtures.richSnapshot("gh", T0));
    }

    @Test
    void aReaderWithoutTheLeaseSeesTheOldOrTheNewSnapshotWhileAWriterSaves() throws Exception {
        SnapshotStore writer = open();
        Snapshot small = Snapshot.of("gh", T0, List.of(Fixtures.account("github:1", MfaState.ENABLED)));
        List<dev.mfawatch.model.Account> many = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            many.add(Fixtures.account("github:" + (1000 + i), i % 3 == 0 ? MfaState.DISABLED : MfaState.ENABLED));
        }
        Snapshot large = Snapshot.of("gh", T0.plusSeconds(60), many);
        writer.save(small);
        SnapshotStore reader = secondView(writer);
        if (reader != writer) {
            opened.add(reader);
        }
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread saving = new Thread(() -> {
            for (int i = 0; i < 40; i++) {
                writer.save(i % 2 == 0 ? large : small);
            }
            done.set(true);
        });
        saving.start();
        int reads = 0;
        while (!done.get() || reads < 5) {
            assertThat(reader.load("gh")).hasValueSatisfying(s -> assertThat(s).isIn(small, large));
            reads++;
        }
        saving.join();
        assertThat(reads).isPositive();
    }

    // ----- scopes -----------------------------------------------------------------------------------

    @Test
    void scopesOfAMonitorAreKeptApart() {
        SnapshotStore store = open();
        Snapshot dflt = Fixtures.richSnapshot("org", T0);
        Snapshot account = Snapshot.of("org", "123456789012", T0, List.of(Fixtures.account("arn:aws:iam::123456789012:user/a", MfaState.DISABLED)));
        Snapshot odd = Snapshot.of("org", "tenant:eu+1@acme=x", T0, List.of(Fixtures.account("hr:1", MfaState.ENABLED)));
        Snapshot otherMonitor = Snapshot.of("org-b", "123456789012", T0, List.of());
        List.of(dflt, account, odd, otherMonitor).forEach(store::save);
        SnapshotStore later = again(store);
        assertThat(later.scopes("org")).containsExactly("123456789012", "default", "tenant:eu+1@acme=x");
        assertThat(later.scopes("org-b")).containsExactly("123456789012");
        assertThat(later.scopes("none")).isEmpty();
        assertThat(later.load("org", "123456789012")).contains(account);
        assertThat(later.load("org", "tenant:eu+1@acme=x")).contains(odd);
        assertThat(later.load("org")).contains(dflt);
        assertThat(later.load("org", "999")).isEmpty();
    }

    @Test
    void aRetiredScopeIsGoneAndTheOthersStay() {
        SnapshotStore store = open();
        store.save(Snapshot.of("org", "a", T0, List.of()));
        store.save(Snapshot.of("org", "b", T0, List.of()));
        store.retire("org", "a");
        store.retire("org", "never-saved");
        SnapshotStore later = again(store);
        assertThat(later.scopes("org")).containsExactly("b");
        assertThat(later.load("org", "a")).isEmpty();
    }

    @Test
    void aSnapshotKeptBy01IsTheDefaultScopeOfItsMonitor() {
        SnapshotStore store = open();
        Snapshot old = Snapshot.of("gh", T0, List.of(Fixtures.account("github:7", MfaState.DISABLED)));
        placeA01Snapshot(store, old);
        SnapshotStore later = again(store);
        assertThat(later.scopes("gh")).containsExactly(Snapshot.DEFAULT_SCOPE);
        assertThat(later.load("gh", Snapshot.DEFAULT_SCOPE)).contains(old);
    }

    // ----- dead letters -----------------------------------------------------------------------------

    @Test
    void buriedDeliveriesLeaveThePendingOnesForTheDeadLettersAndComeBackWhenRevived() {
        SnapshotStore store = open();
        List<Change> changes = Fixtures.mixedChanges("gh");
        PendingDelivery a = new PendingDelivery("slack", changes.get(0), T0, 50);
        PendingDelivery b = new PendingDelivery("slack", changes.get(1), T0, 2);
        PendingDelivery c = new PendingDelivery("hook", changes.get(2), T0, 9);
        store.park(List.of(a, b, c));
        store.bury(List.of(a.key(), c.key(), "slack/unknown"));
        SnapshotStore later = again(store);
        assertThat(later.pending()).containsExactly(b);
        assertThat(later.deadLetters()).containsExactly(a, c);

        try (SnapshotStore.WriterLease lease = later == store ? () -> { } : later.lease()) {
            later.revive(List.of(a.key()), T0.plusSeconds(3600));
            later.dropDeadLetters(List.of(c.key()));
        }
        SnapshotStore last = again(later);
        assertThat(last.pending()).containsExactly(b, new PendingDelivery("slack", changes.get(0), T0.plusSeconds(3600), 1));
        assertThat(last.deadLetters()).isEmpty();
    }

    @Test
    void deadLettersNeedTheLeaseToChange() {
        SnapshotStore store = subject();
        opened.add(store);
        assertThatThrownBy(() -> store.bury(List.of("x"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.revive(List.of("x"), T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.dropDeadLetters(List.of("x"))).isInstanceOf(IllegalStateException.class);
        assertThat(store.deadLetters()).isEmpty();
    }

    // ----- history ----------------------------------------------------------------------------------

    @Test
    void historyComesBackByMonitorAndTimeRangeOldestFirst() {
        SnapshotStore store = open();
        Change c = Fixtures.mixedChanges("gh").get(0);
        HistoryRecord day1 = new HistoryRecord(T0, "gh", Snapshot.DEFAULT_SCOPE, 10, 2, 1, 1, List.of(c));
        HistoryRecord day2 = new HistoryRecord(T0.plus(java.time.Duration.ofDays(40)), "gh", Snapshot.DEFAULT_SCOPE, 11, 1, 1, 0, List.of());
        HistoryRecord other = new HistoryRecord(T0.plusSeconds(60), "aws", "123456789012", 3, 0, 0, 0, List.of());
        store.appendHistory(List.of(day2, other));
        store.appendHistory(List.of(day1));
        SnapshotStore later = again(store);
        assertThat(later.history("gh", T0.minusSeconds(1), T0.plus(java.time.Duration.ofDays(41)))).containsExactly(day1, day2);
        assertThat(later.history("gh", T0, T0.plusSeconds(1))).containsExactly(day1);
        assertThat(later.history("gh", T0.plusSeconds(1), day2.at())).isEmpty();
        assertThat(later.history("aws", T0, T0.plus(java.time.Duration.ofDays(400)))).containsExactly(other);
    }

    @Test
    void historyOfSeveralMonitorsComesBackTogetherOldestFirst() {
        SnapshotStore store = open();
        HistoryRecord gh1 = new HistoryRecord(T0, "gh", Snapshot.DEFAULT_SCOPE, 10, 2, 1, 1, List.of());
        HistoryRecord aws = new HistoryRecord(T0.plusSeconds(60), "aws", "123456789012", 3, 0, 0, 0, List.of());
        HistoryRecord gh2 = new HistoryRecord(T0.plus(java.time.Duration.ofDays(40)), "gh", Snapshot.DEFAULT_SCOPE, 11, 1, 1, 0, List.of());
        HistoryRecord okta = new HistoryRecord(T0.plusSeconds(120), "okta", Snapshot.DEFAULT_SCOPE, 5, 0, 0, 0, List.of());
        store.appendHistory(List.of(gh2, okta));
        store.appendHistory(List.of(gh1, aws));
        SnapshotStore later = again(store);
        java.time.Instant end = T0.plus(java.time.Duration.ofDays(41));
        assertThat(later.history(List.of("gh", "aws"), T0, end)).containsExactly(gh1, aws, gh2);
        assertThat(later.history(List.of("gh", "gh"), T0, end)).as("a name given twice counts once").containsExactly(gh1, gh2);
        assertThat(later.history(List.of("okta", "nobody"), T0, T0.plusSeconds(120))).isEmpty();
        assertThat(later.history(List.of(), T0, end)).isEmpty();
    }

    @Test
    void pruningDropsOldHistoryAndKeepsTheRecent() {
        SnapshotStore store = open();
        java.time.Instant old = T0.minus(java.time.Duration.ofDays(500));
        store.appendHistory(List.of(new HistoryRecord(old, "gh", Snapshot.DEFAULT_SCOPE, 1, 0, 0, 0, List.of()),
                new HistoryRecord(T0, "gh", Snapshot.DEFAULT_SCOPE, 2, 0, 0, 0, List.of())));
        store.pruneHistory(T0.minus(java.time.Duration.ofDays(400)));
        assertThat(again(store).history("gh", old.minusSeconds(1), T0.plusSeconds(1)))
                .extracting(HistoryRecord::accounts).containsExactly(2);
    }

    @Test
    void aMonitorNeverSavedHasNoSnapshot() {
        assertThat(open().load("never-saved")).isEmpty();
    }

    @Test
    void aSavedSnapshotComesBackExactly() {
        SnapshotStore store = open();
        Snapshot snapshot = Fixtures.richSnapshot("gh", T0);
        store.save(snapshot);
        assertThat(again(store).load("gh")).contains(snapshot);
    }

    @Test
    void anEmptySnapshotComesBackExactly() {
        SnapshotStore store = open();
        Snapshot empty = Snapshot.of("events", T0, List.of()).withCursor("");
        store.save(empty);
        assertThat(again(store).load("events")).contains(empty);
    }

    @Test
    void aSaveReplacesTheOldSnapshotOfThatMonitorOnly() {
        SnapshotStore store = open();
        store.save(Fixtures.richSnapshot("gh", T0));
        store.save(Fixtures.richSnapshot("aws", T0));
        Snapshot newer = Snapshot.of("gh", T0.plusSeconds(3600), List.of(Fixtures.account("github:9", MfaState.DISABLED)));
        store.save(newer);
        SnapshotStore later = again(store);
        assertThat(later.load("gh")).contains(newer);
        assertThat(later.load("aws")).contains(Fixtures.richSnapshot("aws", T0));
    }

    @Test
    void nothingIsPendingAtFirst() {
        assertThat(open().pending()).isEmpty();
    }

    @Test
    void parkedDeliveriesComeBackExactlyAndInOrder() {
        SnapshotStore store = open();
        List<PendingDelivery> parked = Fixtures.mixedChanges("gh").stream()
                .map(c -> new PendingDelivery("slack", c, T0, 1)).toList();
        store.park(parked);
        assertThat(again(store).pending()).containsExactlyElementsOf(parked);
    }

    @Test
    void parkingTheSameDeliveryAgainReplacesIt() {
        SnapshotStore store = open();
        Change c = Fixtures.mixedChanges("gh").get(0);
        store.park(List.of(new PendingDelivery("slack", c, T0, 1)));
        store.park(List.of(new PendingDelivery("slack", c, T0, 2)));
        assertThat(again(store).pending()).containsExactly(new PendingDelivery("slack", c, T0, 2));
    }

    @Test
    void oneChangeMayBePendingForSeveralNotifiers() {
        SnapshotStore store = open();
        Change c = Fixtures.mixedChanges("gh").get(0);
        store.park(List.of(new PendingDelivery("slack", c, T0, 1), new PendingDelivery("hook", c, T0, 1)));
        assertThat(again(store).pending()).extracting(PendingDelivery::notifier).containsExactly("slack", "hook");
    }

    @Test
    void acknowledgedDeliveriesAreGoneAndOthersStay() {
        SnapshotStore store = open();
        List<PendingDelivery> parked = Fixtures.mixedChanges("gh").stream()
                .map(c -> new PendingDelivery("slack", c, T0, 1)).toList();
        store.park(parked);
        store.acknowledge(List.of(parked.get(1).key(), parked.get(3).key(), "slack/unknown-key"));
        assertThat(again(store).pending()).containsExactly(parked.get(0), parked.get(2), parked.get(4));
    }

    @Test
    void parkingNothingAndAcknowledgingNothingChangeNothing() {
        SnapshotStore store = open();
        PendingDelivery one = new PendingDelivery("slack", Fixtures.mixedChanges("gh").get(0), T0, 1);
        store.park(List.of(one));
        store.park(List.of());
        store.acknowledge(List.of());
        assertThat(again(store).pending()).containsExactly(one);
    }

    @Test
    void closeIsIdempotentAndKeepsWhatWasSaved() {
        SnapshotStore store = subject();
        SnapshotStore.WriterLease lease = store.lease();
        Snapshot snapshot = Fixtures.richSnapshot("gh", T0);
        store.save(snapshot);
        assertThatCode(store::close).doesNotThrowAnyException();
        assertThatCode(store::close).as("a second close").doesNotThrowAnyException();
        assertThatCode(lease::close).as("a lease closed after its store").doesNotThrowAnyException();
        // Closed twice with its lease held, the store must hand its state and the lease over to the next run.
        SnapshotStore later = again(store);
        assertThat(later.load("gh")).contains(snapshot);
        try (SnapshotStore.WriterLease next = later.lease()) {
            later.save(Fixtures.richSnapshot("aws", T0));
        }
    }
}
