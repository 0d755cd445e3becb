package dev.mfawatch.core;

import static dev.mfawatch.model.MfaState.DISABLED;
import static dev.mfawatch.model.MfaState.ENABLED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.ConfigurationException;
import dev.mfawatch.model.Exemption;
import dev.mfawatch.model.Severity;
import dev.mfawatch.spi.contract.ScriptedMonitor;
import dev.mfawatch.spi.contract.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExemptionsAndRemindersTest {

    private static final Account BREAK_GLASS = Account.of("arn:aws:iam::1:user/break-glass", "break-glass", DISABLED);
    private static final Account ALICE = Account.of("arn:aws:iam::1:user/alice", "alice", DISABLED);
    private static final Account BOB = Account.of("arn:aws:iam::1:user/bob", "bob", ENABLED);


    private final TestClock clock = new TestClock(Instant.parse("2026-03-30T10:00:00Z"));

    private MfaWatch watch(Map<String, String> settings, List<Exemption> exemptions) {
        return MfaWatch.builder().settings(settings).clock(clock).store(new InMemorySnapshotStore())
                .monitor("aws", new ScriptedMonitor().then(BREAK_GLASS, ALICE, BOB)).exemptions(exemptions).build();
    }

    @Test
    void anExemptAccountRaisesNoAlertAndCountsApartUntilItsExemptionExpires() {
        Exemption e = new Exemption("aws", BREAK_GLASS.id().value(), "hardware token in the safe", LocalDate.parse("2026-03-31"));
        try (MfaWatch w = watch(Map.of(), List.of(e))) {
            RunReport first = w.run();
            assertThat(first.changes()).extracting(Change::subjectName).containsExactly("alice");
            assertThat(first.monitor("aws").withoutMfa()).isEqualTo(1);
            assertThat(first.monitor("aws").exempt()).isEqualTo(1);

            clock.set(Instant.parse("2026-03-31T23:00:00Z"));
            assertThat(w.run().changes()).as("the last day still holds").isEmpty();

            clock.set(Instant.parse("2026-04-01T01:00:00Z"));
            RunReport expired = w.run();
            assertThat(expired.changes()).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo(ChangeKind.STILL_WITHOUT_MFA);
                assertThat(c.subjectName()).isEqualTo("break-glass");
                assertThat(c.severity()).isEqualTo(Severity.HIGH);
                assertThat(c.details()).containsEntry("exemptionExpired", "2026-03-31")
                        .containsEntry("exemptionReason", "hardware token in the safe");
            });
            assertThat(expired.monitor("aws").exempt()).isZero();
            assertThat(expired.monitor("aws").withoutMfa()).isEqualTo(2);

            clock.set(Instant.parse("2026-04-01T02:00:00Z"));
            assertThat(w.run().changes()).as("announced once, not every run").isEmpty();
        }
    }

    @Test
    void anExemptionMatchesByIdAndABareNameMatchesNothing() {
        Exemption byId = new Exemption("aws", BREAK_GLASS.id().value(), "safe", LocalDate.parse("2027-01-01"));
        try (MfaWatch w = watch(Map.of(), List.of(byId))) {
            RunReport r = w.run();
            assertThat(r.changes()).extracting(Change::subjectName).containsExactly("alice");
            assertThat(r.warnings()).isEmpty();
        }
        Exemption bareName = new Exemption("aws", "break-glass", "safe", LocalDate.parse("2027-01-01"));
        try (MfaWatch w = watch(Map.of(), List.of(bareName))) {
            RunReport r = w.run();
            assertThat(r.changes()).extracting(Change::subjectName).containsExactlyInAnyOrder("break-glass", "alice");
            assertThat(r.warnings()).containsExactly("the exemption of 'break-glass' matches no account of monitor 'aws' (by id: to "
                    + "match a display name, write name:break-glass); check mfawatch.exemptions.file");
        }
    }

    @Test
    void aNameEntryMatchesByDisplayNameWithAWarningEveryRunNamingTheId() {
        Exemption byName = new Exemption("aws", "name:break-glass", "safe", LocalDate.parse("2027-01-01"));
        try (MfaWatch w = watch(Map.of(), List.of(byName))) {
            RunReport r = w.run();
            assertThat(r.changes()).extracting(Change::subjectName).containsExactly("alice");
            assertThat(r.warnings()).containsExactly("the exemption of 'name:break-glass' matches a display name, which another "
                    + "account can take after a rename: prefer the account's id (arn:aws:iam::1:user/break-glass)");
            assertThat(w.run().warnings()).hasSize(1);
        }
    }

    @Test
    void anAccountThatTakesAnExemptAccountsNameAfterARenameIsNotExempt() {
        // GitHub logins can be reused: the exempt machine user is renamed, and a newcomer takes its old login.
        Account renamed = Account.of(BREAK_GLASS.id().value(), "break-glass-old", DISABLED);
        Account newcomer = Account.of("arn:aws:iam::1:user/newcomer", "break-glass", DISABLED);
        Exemption byId = new Exemption("aws", BREAK_GLASS.id().value(), "safe", LocalDate.parse("2027-01-01"));
        try (MfaWatch w = MfaWatch.builder().clock(clock).store(new InMemorySnapshotStore())
                .monitor("aws", new ScriptedMonitor().then(BREAK_GLASS, BOB).then(renamed, newcomer, BOB)).exemptions(List.of(byId))
                .build()) {
            assertThat(w.run().changes()).isEmpty();
            clock.set(clock.instant().plusSeconds(3600));
            assertThat(w.run().changes()).extracting(Change::subjectId, Change::kind).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(newcomer.id(), ChangeKind.ADDED_WITHOUT_MFA));
        }
    }

    @Test
    void remindersComeAsOneDigestPerPeriodNotPerRun() {
        try (MfaWatch w = watch(Map.of("mfawatch.reminder.every", "24h"), List.of())) {
            clock.set(Instant.parse("2026-03-30T00:30:00Z"));
            assertThat(w.run().changes()).extracting(Change::kind).containsOnly(ChangeKind.ADDED_WITHOUT_MFA);
            int digests = 0;
            for (int hour = 1; hour <= 48; hour++) {
                clock.set(Instant.parse("2026-03-30T00:30:00Z").plus(Duration.ofHours(hour)));
                List<Change> changes = w.run().changes();
                if (!changes.isEmpty()) {
                    digests++;
                    assertThat(clock.instant()).as("only the run after midnight UTC").isIn(
                            Instant.parse("2026-03-31T00:30:00Z"), Instant.parse("2026-04-01T00:30:00Z"));
                    assertThat(changes).extracting(Change::kind).containsOnly(ChangeKind.STILL_WITHOUT_MFA);
                    assertThat(changes).extracting(Change::subjectName).containsExactly("alice", "break-glass");
                    assertThat(changes).allSatisfy(c -> assertThat(c.details()).containsEntry("reminder", "every PT24H"));
                }
            }
            assertThat(digests).isEqualTo(2);
        }
    }

    @Test
    void anExemptionThatMatchesNothingIsWarnedAbout() {
        List<Exemption> list = List.of(new Exemption("aws", "carol", "left", LocalDate.parse("2027-01-01")),
                new Exemption("gcp", "x", "y", LocalDate.parse("2027-01-01")));
        try (MfaWatch w = watch(Map.of(), list)) {
            RunReport r = w.run();
            assertThat(r.warnings()).containsExactly(
                    "the exemption of 'carol' matches no account of monitor 'aws' (by id: to match a display name, write name:carol); "
                            + "check mfawatch.exemptions.file",
                    "the exemption of 'x' names monitor 'gcp', which is not configured; check mfawatch.exemptions.file");
            assertThat(r.failed()).isFalse();
        }
    }

    @Test
    void anExemptionsFileWithoutAReaderIsAConfigurationError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> watch(Map.of("mfawatch.exemptions.file", "exempt.txt"), List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("mfawatch.exemptions.file=exempt.txt has no exemption reader for this kind of file (.json, .yaml or .yml"
                        + " come with dev.mfawatch:mfa-exemptions, which is not on the class path)");
    }
}
