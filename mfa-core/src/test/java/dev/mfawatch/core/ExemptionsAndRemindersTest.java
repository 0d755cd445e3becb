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
        Exemption e = new Exemption("aws", "break-glass", "hardware token in the safe", LocalDate.parse("2026-03-31"));
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
    void anExemptionMatchesByIdToo() {
        Exemption byId = new Exemption("aws", BREAK_GLASS.id().value(), "safe", LocalDate.parse("2027-01-01"));
        try (MfaWatch w = watch(Map.of(), List.of(byId))) {
            assertThat(w.run().changes()).extracting(Change::subjectName).containsExactly("alice");
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
                    "the exemption of 'carol' matches no account of monitor 'aws' (by id or name); check mfawatch.exemptions.file",
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
