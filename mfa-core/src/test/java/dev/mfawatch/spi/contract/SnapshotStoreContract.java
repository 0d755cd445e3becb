package dev.mfawatch.spi.contract;

import static dev.mfawatch.spi.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.mfawatch.model.Change;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.PendingDelivery;
import dev.mfawatch.spi.SnapshotStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SnapshotStore} must have. A store module extends this class and
 * implements {@link #subject()}; stores that persist also override {@link #reopen}.
 */
public abstract class SnapshotStoreContract {

    private final List<SnapshotStore> opened = new ArrayList<>();

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

    private SnapshotStore open() {
        SnapshotStore s = subject();
        opened.add(s);
        return s;
    }

    private SnapshotStore again(SnapshotStore s) {
        SnapshotStore r = reopen(s);
        opened.add(r);
        return r;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(SnapshotStore::close);
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
        Snapshot snapshot = Fixtures.richSnapshot("gh", T0);
        store.save(snapshot);
        assertThatCode(store::close).doesNotThrowAnyException();
        assertThatCode(store::close).as("a second close").doesNotThrowAnyException();
        // Closed twice, the store must still hand its state (and any lock) over intact to the next run.
        assertThat(again(store).load("gh")).contains(snapshot);
    }
}
