package dev.mfawatch.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.AccountId;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.Severity;
import dev.mfawatch.model.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/** Properties of the engine over random pairs of snapshots; a failure is shrunk to a small example. */
class ChangeDetectorPropertiesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static QuickTheory theory() {
        return qt().withExamples(1000);
    }

    private static Gen<Snapshot> snapshots() {
        // A small id pool makes two snapshots share most accounts, so every transition shows up.
        Gen<Account> account = integers().between(0, 40).zip(arbitrary().enumValues(MfaState.class), booleans().all(),
                booleans().all(), strings().basicLatinAlphabet().ofLengthBetween(0, 6),
                (id, state, weak, critical, name) -> new Account(AccountId.of("id-" + id), name, state,
                        weak && state == MfaState.ENABLED, critical, Map.of()));
        return lists().of(account).ofSizeBetween(0, 30).map(list -> {
            Map<AccountId, Account> unique = new LinkedHashMap<>();
            list.forEach(a -> unique.putIfAbsent(a.id(), a));
            return Snapshot.of("m", T0, new ArrayList<>(unique.values()));
        });
    }

    @Test
    void aSnapshotComparedWithItselfHasNoChanges() {
        theory().forAll(snapshots()).checkAssert(s -> assertThat(ChangeDetector.diff(s, s)).isEmpty());
    }

    @Test
    void applyingTheChangesToTheOldStateGivesTheNewState() {
        theory().forAll(snapshots(), snapshots()).checkAssert((a, b) -> {
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
        });
    }

    @Test
    void everyIdAppearsAtMostOnce() {
        theory().forAll(snapshots(), snapshots()).checkAssert((a, b) -> {
            List<AccountId> ids = ChangeDetector.diff(a, b).stream().map(Change::subjectId).toList();
            assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        });
    }

    @Test
    void theOrderIsByIdAndDoesNotDependOnTheInputOrder() {
        theory().forAll(snapshots(), snapshots(), longs().all()).checkAssert((a, b, seed) -> {
            List<Change> changes = ChangeDetector.diff(a, b);
            assertThat(changes.stream().map(Change::subjectId).toList()).isSorted();
            assertThat(ChangeDetector.diff(shuffled(a, seed), shuffled(b, seed + 1))).isEqualTo(changes);
        });
    }

    @Test
    void renamingAccountsChangesNoKindOrSeverity() {
        theory().forAll(snapshots(), snapshots()).checkAssert((a, b) -> {
            Snapshot renamed = Snapshot.of("m", T0, b.accounts().stream().map(x -> x.withName(x.name() + "-renamed")).toList());
            assertThat(ChangeDetector.diff(a, renamed)).extracting(Change::subjectId, Change::kind, Change::severity)
                    .isEqualTo(ChangeDetector.diff(a, b).stream()
                            .map(c -> org.assertj.core.groups.Tuple.tuple(c.subjectId(), c.kind(), c.severity())).toList());
            assertThat(ChangeDetector.diff(b, renamed)).isEmpty();
        });
    }

    @Test
    void anAccountThatIsGoneIsOnlyEverRemoved() {
        theory().forAll(snapshots(), snapshots()).checkAssert((a, b) -> {
            Set<AccountId> remaining = new HashSet<>(b.accounts().stream().map(Account::id).toList());
            for (Change c : ChangeDetector.diff(a, b)) {
                assertThat(c.kind() == ChangeKind.REMOVED).isEqualTo(!remaining.contains(c.subjectId()));
            }
        });
    }

    @Test
    void severityFollowsTheKindAndCriticality() {
        theory().forAll(snapshots(), snapshots()).checkAssert((a, b) -> {
            for (Change c : ChangeDetector.diff(a, b)) {
                Account subject = c.after() != null ? c.after() : c.before();
                Severity base = c.kind().baseSeverity();
                assertThat(c.severity()).isEqualTo(subject.critical() ? base.escalated() : base);
            }
        });
    }

    private static Snapshot shuffled(Snapshot s, long seed) {
        List<Account> copy = new ArrayList<>(s.accounts());
        Collections.shuffle(copy, new Random(seed));
        return Snapshot.of(s.monitor(), s.takenAt(), copy);
    }
}
