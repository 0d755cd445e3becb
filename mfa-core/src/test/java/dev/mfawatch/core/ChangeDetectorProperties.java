package dev.mfawatch.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ChangeDetectorProperties {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Provide
    Arbitrary<Snapshot> snapshots() {
        // A small id pool makes two snapshots share most accounts, so every transition shows up.
        Arbitrary<Account> account = Combinators.combine(
                Arbitraries.integers().between(0, 40),
                Arbitraries.of(MfaState.class),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                Arbitraries.strings().ofMaxLength(6))
                .as((id, state, weak, critical, name) ->
                        new Account(AccountId.of("id-" + id), name, state, weak && state == MfaState.ENABLED, critical, Map.of()));
        return account.list().ofMaxSize(30).uniqueElements(Account::id)
                .map(accounts -> Snapshot.of("m", T0, accounts));
    }

    @Property
    void aSnapshotComparedWithItselfHasNoChanges(@ForAll("snapshots") Snapshot s) {
        assertThat(ChangeDetector.diff(s, s)).isEmpty();
    }

    @Property
    void applyingTheChangesToTheOldStateGivesTheNewState(@ForAll("snapshots") Snapshot a, @ForAll("snapshots") Snapshot b) {
        Map<AccountId, Account> state = new TreeMap<>();
        a.accounts().forEach(x -> state.put(x.id(), x));
        for (Change c : ChangeDetector.diff(a, b)) {
            if (c.after() == null) {
                state.remove(c.subjectId());
            } else {
                state.put(c.subjectId(), c.after());
            }
        }
        assertThat(state.keySet()).containsExactlyElementsOf(b.accounts().stream().map(Account::id).toList());
        for (Account expected : b.accounts()) {
            Account got = state.get(expected.id());
            // ENABLED <-> NOT_APPLICABLE is deliberately silent, so only what an alert is about must match.
            assertThat(got.withoutMfa()).as(expected.id().value()).isEqualTo(expected.withoutMfa());
            if (got.state() == MfaState.ENABLED && expected.state() == MfaState.ENABLED) {
                assertThat(got.weak()).as(expected.id().value()).isEqualTo(expected.weak());
            }
        }
    }

    @Property
    void everyIdAppearsAtMostOnce(@ForAll("snapshots") Snapshot a, @ForAll("snapshots") Snapshot b) {
        List<AccountId> ids = ChangeDetector.diff(a, b).stream().map(Change::subjectId).toList();
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
    }

    @Property
    void theOrderIsByIdAndDoesNotDependOnTheInputOrder(@ForAll("snapshots") Snapshot a, @ForAll("snapshots") Snapshot b,
                                                      @ForAll long seed) {
        List<Change> changes = ChangeDetector.diff(a, b);
        List<AccountId> ids = changes.stream().map(Change::subjectId).toList();
        assertThat(ids).isSorted();
        assertThat(ChangeDetector.diff(shuffled(a, seed), shuffled(b, seed + 1))).isEqualTo(changes);
    }

    @Property
    void renamingAccountsChangesNoKindOrSeverity(@ForAll("snapshots") Snapshot a, @ForAll("snapshots") Snapshot b) {
        Snapshot renamed = Snapshot.of("m", T0, b.accounts().stream().map(x -> x.withName(x.name() + "-renamed")).toList());
        assertThat(ChangeDetector.diff(a, renamed)).extracting(Change::subjectId, Change::kind, Change::severity)
                .isEqualTo(ChangeDetector.diff(a, b).stream()
                        .map(c -> org.assertj.core.groups.Tuple.tuple(c.subjectId(), c.kind(), c.severity())).toList());
        assertThat(ChangeDetector.diff(b, renamed)).isEmpty();
    }

    @Property
    void anAccountThatIsGoneIsOnlyEverRemoved(@ForAll("snapshots") Snapshot a, @ForAll("snapshots") Snapshot b) {
        Set<AccountId> remaining = new HashSet<>(b.accounts().stream().map(Account::id).toList());
        for (Change c : ChangeDetector.diff(a, b)) {
            assertThat(c.kind() == ChangeKind.REMOVED).isEqualTo(!remaining.contains(c.subjectId()));
        }
    }

    @Property
    void severityFollowsTheKindAndCriticality(@ForAll("snapshots") Snapshot a, @ForAll("snapshots") Snapshot b) {
        for (Change c : ChangeDetector.diff(a, b)) {
            Account subject = c.after() != null ? c.after() : c.before();
            Severity base = c.kind().baseSeverity();
            assertThat(c.severity()).isEqualTo(subject.critical() ? base.escalated() : base);
        }
    }

    private static Snapshot shuffled(Snapshot s, long seed) {
        List<Account> copy = new ArrayList<>(s.accounts());
        Collections.shuffle(copy, new Random(seed));
        return Snapshot.of(s.monitor(), s.takenAt(), copy);
    }
}
