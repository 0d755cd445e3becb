package dev.mfawatch.core;

import static dev.mfawatch.model.MfaState.DISABLED;
import static dev.mfawatch.model.MfaState.ENABLED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.ConfigurationException;
import dev.mfawatch.spi.contract.ScriptedMonitor;
import dev.mfawatch.spi.contract.TestClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A scan that removes most of a scope's accounts is held until the next scan confirms it. */
class MaxRemovedTest {

    private static final Account A = Account.of("id:a", "a", ENABLED);
    private static final Account B = Account.of("id:b", "b", ENABLED);
    private static final Account C = Account.of("id:c", "c", DISABLED);
    private static final Account D = Account.of("id:d", "d", ENABLED);

    private final TestClock clock = new TestClock(Instant.parse("2026-03-30T10:00:00Z"));
    private InMemorySnapshotStore store = new InMemorySnapshotStore();

    private MfaWatch watch(ScriptedMonitor monitor, Map<String, String> settings) {
        return MfaWatch.builder().settings(settings).clock(clock).store(store).monitor("hr", monitor).build();
    }

    private RunReport run(MfaWatch w) {
        clock.set(clock.instant().plusSeconds(3600));
        return w.run();
    }

    @Test
    void aMassRemovalIsHeldThenConfirmedByTheNextScanThatSeesTheSame() {
        try (MfaWatch w = watch(new ScriptedMonitor().then(A, B, C, D).then(A), Map.of())) {
            run(w);
            RunReport held = run(w);
            assertThat(held.failed()).isTrue();
            assertThat(held.changes()).isEmpty();
            assertThat(held.failures()).singleElement().asString().contains("monitor hr, scope default: the scan removes 3 of 4 "
                    + "accounts (75%), more than max-removed=50%; it is held and the old snapshot kept");
            assertThat(store.load("hr").orElseThrow().accounts()).hasSize(4);

            RunReport confirmed = run(w);
            assertThat(confirmed.failed()).isFalse();
            assertThat(confirmed.changes()).extracting(Change::subjectName, Change::kind).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("b", ChangeKind.REMOVED), org.assertj.core.groups.Tuple.tuple("c", ChangeKind.REMOVED),
                    org.assertj.core.groups.Tuple.tuple("d", ChangeKind.REMOVED));
            assertThat(confirmed.warnings()).anySatisfy(x -> assertThat(x).contains("confirmed"));
            assertThat(store.load("hr").orElseThrow().accounts()).containsExactly(A);
            assertThat(store.heldRemoval("hr", "default")).isEmpty();
        }
    }

    @Test
    void aTruncatedAnswerThatComesBackWholeRaisesNothingAndForgetsTheHold() {
        try (MfaWatch w = watch(new ScriptedMonitor().then(A, B, C, D).then(A).then(A, B, C, D).then(A), Map.of())) {
            run(w);
            assertThat(run(w).failed()).isTrue();
            RunReport whole = run(w);
            assertThat(whole.failed()).isFalse();
            assertThat(whole.changes()).isEmpty();
            assertThat(store.heldRemoval("hr", "default")).isEmpty();
            assertThat(run(w).failed()).as("a later mass removal needs its own confirmation").isTrue();
        }
    }

    @Test
    void anotherRemovalOnTheNextScanIsNoConfirmation() {
        try (MfaWatch w = watch(new ScriptedMonitor().then(A, B, C, D).then(A).then(D).then(D), Map.of())) {
            run(w);
            assertThat(run(w).failed()).isTrue();
            assertThat(run(w).failed()).as("b, c and a removed, not b, c and d: held again").isTrue();
            assertThat(run(w).changes()).extracting(Change::subjectName).containsExactly("a", "b", "c");
        }
    }

    @Test
    void upToTheShareAndWithTheGuardOffRemovalsGoThroughAtOnce() {
        try (MfaWatch w = watch(new ScriptedMonitor().then(A, B, C, D).then(A, B), Map.of())) {
            run(w);
            assertThat(run(w).changes()).extracting(Change::kind).containsOnly(ChangeKind.REMOVED).hasSize(2);
        }
        store = new InMemorySnapshotStore();
        try (MfaWatch w = watch(new ScriptedMonitor().then(A, B, C, D).then(), Map.of("mfawatch.monitor.hr.max-removed", "0%"))) {
            run(w);
            RunReport all = run(w);
            assertThat(all.failed()).isFalse();
            assertThat(all.changes()).hasSize(4);
        }
        store = new InMemorySnapshotStore();
        try (MfaWatch w = watch(new ScriptedMonitor().then(A, B, C, D).then(A), Map.of("mfawatch.monitor.hr.max-removed", "80"))) {
            run(w);
            assertThat(run(w).changes()).as("75% is within 80%").hasSize(3);
        }
    }

    @Test
    void aShareThatIsNoPercentageIsAConfigurationError() {
        for (String bad : List.of("150%", "half", "-5%", "50.5%")) {
            assertThatThrownBy(() -> watch(new ScriptedMonitor(), Map.of("mfawatch.monitor.hr.max-removed", bad)))
                    .as(bad).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("mfawatch.monitor.hr.max-removed").hasMessageContaining("is not a share from 0% to 100%");
        }
    }
}
