package dev.mfawatch.core;

import static dev.mfawatch.model.MfaState.DISABLED;
import static dev.mfawatch.model.MfaState.ENABLED;
import static dev.mfawatch.spi.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.ConfigurationException;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.model.ProviderException;
import dev.mfawatch.model.Severity;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.SnapshotStoreException;
import dev.mfawatch.model.WatchedSetting;
import dev.mfawatch.spi.PendingDelivery;
import dev.mfawatch.spi.SnapshotStore;
import dev.mfawatch.spi.contract.RecordingNotifier;
import dev.mfawatch.spi.contract.ScriptedMonitor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MfaWatchTest {

    private static final Account ALICE = Account.of("github:1", "alice", ENABLED);
    private static final Account BOB = Account.of("github:2", "bob", DISABLED);


    /** An in-memory store whose writes can be made to fail. */
    private static final class FlakyStore extends dev.mfawatch.spi.contract.ForwardingSnapshotStore {
        boolean failPark;
        boolean failSave;

        FlakyStore() {
            super(new InMemorySnapshotStore());
        }

        @Override
        public void save(Snapshot snapshot) {
            if (failSave) {
                throw new SnapshotStoreException("disk full", null);
            }
            inner.save(snapshot);
        }

        @Override
        public void park(List<PendingDelivery> deliveries) {
            if (failPark) {
                throw new SnapshotStoreException("disk full", null);
            }
            inner.park(deliveries);
        }
    }

    private final Clock clock = new dev.mfawatch.spi.contract.TestClock(T0, java.time.Duration.ofHours(1));

    private MfaWatch.Builder builder(SnapshotStore store) {
        return MfaWatch.builder().settings(Map.of()).clock(clock).store(store);
    }

    @Test
    void baselineThenChangesThenQuiet() {
        SnapshotStore store = new InMemorySnapshotStore();
        ScriptedMonitor gh = new ScriptedMonitor().then(ALICE, BOB).then(ALICE.withState(DISABLED), BOB.withState(ENABLED));
        RecordingNotifier notifier = new RecordingNotifier();
        try (MfaWatch watch = builder(store).monitor("gh", gh).notifier("rec", notifier).build()) {
            RunReport first = watch.run();
            assertThat(first.failed()).isFalse();
            assertThat(first.changes()).extracting(Change::kind, Change::subjectName)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ChangeKind.ADDED_WITHOUT_MFA, "bob"));
            assertThat(first.monitor("gh")).satisfies(m -> {
                assertThat(m.status()).isEqualTo(MonitorStatus.OK);
                assertThat(m.baseline()).isTrue();
                assertThat(m.accounts()).isEqualTo(2);
                assertThat(m.withoutMfa()).isEqualTo(1);
                assertThat(m.type()).isEqualTo("custom");
            });

            RunReport second = watch.run();
            assertThat(second.changes()).extracting(Change::kind).containsExactly(ChangeKind.MFA_DISABLED, ChangeKind.MFA_ENABLED);
            assertThat(second.monitor("gh").baseline()).isFalse();

            RunReport third = watch.run();
            assertThat(third.changes()).isEmpty();
            assertThat(third.deliveries()).isEmpty();
        }
        assertThat(notifier.batches()).hasSize(2);
        assertThat(store.load("gh")).get().extracting(s -> s.account(ALICE.id()).orElseThrow().state()).isEqualTo(DISABLED);
    }

    @Test
    void aSilentBaselineStoresWithoutReporting() {
        RecordingNotifier notifier = new RecordingNotifier();
        RunReport r = MfaWatch.builder().settings(Map.of("mfawatch.baseline", "silent")).clock(clock)
                .store(new InMemorySnapshotStore()).monitor("gh", new ScriptedMonitor().then(ALICE, BOB))
                .notifier("rec", notifier).runOnce();
        assertThat(r.changes()).isEmpty();
        assertThat(notifier.batches()).isEmpty();
    }

    @Test
    void aFailingMonitorKeepsItsSnapshotAndTheOthersStillRun() {
        SnapshotStore store = new InMemorySnapshotStore();
        ScriptedMonitor gh = new ScriptedMonitor().then(ALICE, BOB).thenFail("GitHub answered 502 on page 7 of 20");
        ScriptedMonitor aws = new ScriptedMonitor().then(ALICE).then(ALICE.withState(DISABLED));
        try (MfaWatch watch = builder(store).monitor("gh", gh).monitor("aws", aws).build()) {
            watch.run();
            Snapshot kept = store.load("gh").orElseThrow();
            RunReport second = watch.run();
            assertThat(second.monitor("gh")).satisfies(m -> {
                assertThat(m.status()).isEqualTo(MonitorStatus.FAILED);
                assertThat(m.error()).isEqualTo("monitor gh failed: GitHub answered 502 on page 7 of 20");
                assertThat(m.accounts()).as("counts of the kept snapshot").isEqualTo(2);
            });
            assertThat(second.changes()).as("no REMOVED from a failed scan").extracting(Change::monitor).containsOnly("aws");
            assertThat(second.failures()).containsExactly("monitor gh failed: GitHub answered 502 on page 7 of 20");
            assertThat(store.load("gh")).contains(kept);
            assertThat(store.load("aws").orElseThrow().accounts()).containsExactly(ALICE.withState(DISABLED));
        }
    }

    /** A provider whose service needs a time limit of its own: here a short one, so the test is quick. */
    private static final class Patient implements dev.mfawatch.spi.MonitorProvider {
        private final List<ScriptedMonitor> made = new java.util.ArrayList<>();

        @Override
        public String type() {
            return "patient";
        }

        @Override
        public String spiVersion() {
            return dev.mfawatch.spi.SpiVersion.CURRENT;
        }

        @Override
        public Duration defaultTimeout() {
            return Duration.ofMillis(250);
        }

        @Override
        public dev.mfawatch.spi.Monitor create(dev.mfawatch.spi.Settings settings) {
            ScriptedMonitor m = new ScriptedMonitor().thenHang();
            made.add(m);
            return m;
        }
    }

    @Test
    void anUnsetTimeoutIsTheProvidersOwnDefaultAndASetOneWins() {
        Patient p = new Patient();
        ProviderRegistry registry = ProviderRegistry.of(List.of(p), List.of(), List.of());
        RunReport r = MfaWatch.builder().settings(Map.of("mfawatch.monitors", "p", "mfawatch.monitor.p.type", "patient"))
                .providers(registry).store(new InMemorySnapshotStore()).clock(Clock.systemUTC()).runOnce();
        assertThat(r.monitor("p").status()).isEqualTo(MonitorStatus.TIMEOUT);
        assertThat(r.monitor("p").error()).contains("time limit of 250ms");
        RunReport set = MfaWatch.builder().settings(Map.of("mfawatch.monitors", "p", "mfawatch.monitor.p.type", "patient",
                        "mfawatch.monitor.p.timeout", "400ms"))
                .providers(registry).store(new InMemorySnapshotStore()).clock(Clock.systemUTC()).runOnce();
        assertThat(set.monitor("p").error()).contains("time limit of 400ms");
        p.made.forEach(ScriptedMonitor::close);
    }

    @Test
    void aHungMonitorTimesOutWithoutStallingTheRun() {
        SnapshotStore store = new InMemorySnapshotStore();
        ScriptedMonitor slow = new ScriptedMonitor().thenHang();
        ScriptedMonitor fast = new ScriptedMonitor().then(BOB);
        RunReport r = MfaWatch.builder().settings(Map.of("mfawatch.monitor.slow.timeout", "300ms")).clock(Clock.systemUTC())
                .store(store).monitor("slow", slow).monitor("fast", fast).runOnce();
        slow.close();
        assertThat(r.monitor("slow").status()).isEqualTo(MonitorStatus.TIMEOUT);
        assertThat(r.monitor("slow").error()).contains("did not finish within its time limit of 300ms", "mfawatch.monitor.slow.timeout");
        assertThat(r.monitor("fast").status()).isEqualTo(MonitorStatus.OK);
        assertThat(store.load("slow")).isEmpty();
        assertThat(store.load("fast")).isPresent();
    }

    @Test
    void aNotifierThatIsDownGetsItsChangesLaterAndTheHealthyOneGetsThemOnce() {
        SnapshotStore store = new InMemorySnapshotStore();
        ScriptedMonitor gh = new ScriptedMonitor().then(ALICE).then(ALICE.withState(DISABLED)).then(ALICE.withState(DISABLED), BOB);
        RecordingNotifier down = new RecordingNotifier();
        RecordingNotifier healthy = new RecordingNotifier();
        try (MfaWatch watch = builder(store).monitor("gh", gh).notifier("down", down).notifier("healthy", healthy).build()) {
            watch.run();
            down.failNext(1);
            RunReport failed = watch.run();
            assertThat(failed.failed()).isTrue();
            assertThat(failed.pending()).isEqualTo(1);
            assertThat(failed.deliveries()).filteredOn(d -> d.notifier().equals("down")).singleElement()
                    .satisfies(d -> {
                        assertThat(d.failed()).isTrue();
                        assertThat(d.parked()).isEqualTo(1);
                    });
            assertThat(failed.monitor("gh").status()).as("parked counts as safe: the snapshot is saved").isEqualTo(MonitorStatus.OK);

            RunReport recovered = watch.run();
            assertThat(recovered.failed()).isFalse();
            assertThat(recovered.pending()).isZero();
            assertThat(down.batches()).hasSize(1);
            List<Change> got = down.batches().get(0);
            assertThat(got).extracting(Change::kind, Change::delayed).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(ChangeKind.MFA_DISABLED, true),
                    org.assertj.core.groups.Tuple.tuple(ChangeKind.ADDED_WITHOUT_MFA, false));
            assertThat(recovered.deliveries()).filteredOn(d -> d.notifier().equals("down")).singleElement()
                    .satisfies(d -> assertThat(d.late()).isEqualTo(1));
        }
        assertThat(healthy.received()).extracting(Change::kind)
                .containsExactly(ChangeKind.MFA_DISABLED, ChangeKind.ADDED_WITHOUT_MFA);
        assertThat(healthy.received()).noneMatch(Change::delayed);
    }

    @Test
    void aPartlyFailedDeliveryParksOnlyWhatDidNotArrive() {
        SnapshotStore store = new InMemorySnapshotStore();
        ScriptedMonitor gh = new ScriptedMonitor().then(BOB, Account.of("github:3", "carol", DISABLED),
                Account.of("github:4", "dave", DISABLED));
        RecordingNotifier n = new RecordingNotifier().failAfter(1);
        try (MfaWatch watch = builder(store).monitor("gh", gh).notifier("n", n).build()) {
            RunReport r = watch.run();
            assertThat(r.deliveries().get(0).delivered()).isEqualTo(1);
            assertThat(store.pending()).extracting(p -> p.change().subjectName()).containsExactly("carol", "dave");
            watch.run();
        }
        assertThat(n.received()).extracting(Change::subjectName).containsExactly("bob", "carol", "dave");
        assertThat(store.pending()).isEmpty();
    }

    @Test
    void changesThatCanBeNeitherDeliveredNorParkedAreFoundAgainNextRun() {
        FlakyStore store = new FlakyStore();
        ScriptedMonitor gh = new ScriptedMonitor().then(ALICE).then(ALICE.withState(DISABLED));
        RecordingNotifier n = new RecordingNotifier();
        try (MfaWatch watch = builder(store).monitor("gh", gh).notifier("n", n).build()) {
            watch.run();
            n.failNext(1);
            store.failPark = true;
            RunReport lost = watch.run();
            assertThat(lost.monitor("gh").status()).isEqualTo(MonitorStatus.FAILED);
            assertThat(lost.monitor("gh").error()).contains("snapshot was not saved");
            assertThat(store.load("gh").orElseThrow().accounts()).containsExactly(ALICE);
            store.failPark = false;
            RunReport again = watch.run();
            assertThat(again.changes()).extracting(Change::kind).containsExactly(ChangeKind.MFA_DISABLED);
        }
        assertThat(n.received()).extracting(Change::kind).containsExactly(ChangeKind.MFA_DISABLED);
    }

    @Test
    void aSnapshotThatCannotBeSavedIsReportedAndTheOldOneStays() {
        FlakyStore store = new FlakyStore();
        ScriptedMonitor gh = new ScriptedMonitor().then(ALICE).then(ALICE, BOB);
        try (MfaWatch watch = builder(store).monitor("gh", gh).build()) {
            watch.run();
            store.failSave = true;
            RunReport r = watch.run();
            assertThat(r.monitor("gh").status()).isEqualTo(MonitorStatus.FAILED);
            assertThat(r.failures()).singleElement().asString().contains("could not be saved", "disk full");
        }
        assertThat(store.load("gh").orElseThrow().accounts()).containsExactly(ALICE);
    }

    @Test
    void aMonitorThatNamesItsSnapshotWronglyFails() {
        dev.mfawatch.spi.Monitor wrong = ctx -> dev.mfawatch.spi.ScanResult.of(Snapshot.of("other", T0, List.of(BOB)));
        RunReport r = builder(new InMemorySnapshotStore()).monitor("gh", wrong).runOnce();
        assertThat(r.monitor("gh").status()).isEqualTo(MonitorStatus.FAILED);
        assertThat(r.monitor("gh").error()).contains("snapshot named 'other'");
    }

    @Test
    void aSettingThatCannotBeReadForOneScanIsNotReportedAgainWhenItReappears() {
        SnapshotStore store = new InMemorySnapshotStore();
        WatchedSetting off = new WatchedSetting("2fa", "acme: 2FA required", false);
        ScriptedMonitor gh = new ScriptedMonitor().then(List.of(ALICE), List.of(off), List.of())
                .then(List.of(ALICE), List.of(), List.of()).then(List.of(ALICE), List.of(off), List.of());
        try (MfaWatch watch = builder(store).monitor("gh", gh).build()) {
            assertThat(watch.run().changes()).extracting(Change::kind).containsExactly(ChangeKind.SETTING_DISABLED);
            assertThat(watch.run().changes()).isEmpty();
            assertThat(watch.run().changes()).isEmpty();
        }
    }

    @Test
    void warningsOfAScanReachTheReportWithoutSecrets() {
        dev.mfawatch.spi.Monitor partial = ctx -> new dev.mfawatch.spi.ScanResult(
                Snapshot.of(ctx.monitorName(), T0, List.of(ALICE)), List.of(),
                List.of("region eu-north-1 did not answer (key sk_CANARY_4567); its events are read next time"));
        RunReport r = MfaWatch.builder().settings(Map.of("mfawatch.monitor.ct.secret", "sk_CANARY_4567"))
                .store(new InMemorySnapshotStore()).monitor("ct", partial).runOnce();
        assertThat(r.monitor("ct").status()).isEqualTo(MonitorStatus.OK);
        assertThat(r.monitor("ct").warnings()).containsExactly(
                "monitor ct: region eu-north-1 did not answer (key ****); its events are read next time");
        assertThat(r.failed()).as("a warning is not a failure").isFalse();
    }

    @Test
    void aMonitorsRuleReachesTheReportAndItsRemediationTheChangesThatNeedAction() {
        dev.mfawatch.model.FindingRule rule = new dev.mfawatch.model.FindingRule("hr-mfa", "HR portal accounts without MFA",
                "Why it matters.", "identity", Severity.HIGH, "Turn on MFA in the HR portal.", "https://hr.example/mfa");
        ScriptedMonitor scripted = new ScriptedMonitor().then(ALICE, BOB).then(ALICE.withState(DISABLED), BOB.withState(ENABLED));
        dev.mfawatch.spi.Monitor described = new dev.mfawatch.spi.Monitor() {
            @Override
            public dev.mfawatch.spi.ScanResult scan(dev.mfawatch.spi.ScanContext context) {
                return scripted.scan(context);
            }

            @Override
            public dev.mfawatch.model.FindingRule rule() {
                return rule;
            }
        };
        try (MfaWatch watch = builder(new InMemorySnapshotStore()).monitor("hr", described).monitor("plain", new ScriptedMonitor().then(BOB)).build()) {
            RunReport first = watch.run();
            assertThat(first.monitor("hr").rule()).isEqualTo(rule);
            assertThat(first.monitor("plain").rule().title()).isEqualTo("Accounts without MFA (custom)");
            RunReport second = watch.run();
            assertThat(second.changes()).filteredOn(c -> c.kind() == ChangeKind.MFA_DISABLED).singleElement()
                    .satisfies(c -> {
                        assertThat(c.rule()).isEqualTo(rule);
                        assertThat(c.details()).doesNotContainKey("remediation");
                        // The JSON of 0.1 carried the rule in the details; it still does.
                        assertThat(c.toJsonMap().get("details")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("remediation", "Turn on MFA in the HR portal.")
                                .containsEntry("remediationLink", "https://hr.example/mfa").containsEntry("rule", "hr-mfa");
                    });
            assertThat(second.changes()).filteredOn(c -> c.kind() == ChangeKind.MFA_ENABLED).singleElement()
                    .satisfies(c -> {
                        assertThat(c.rule()).isNull();
                        assertThat(c.toJsonMap().get("details")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).doesNotContainKey("remediation");
                    });
        }
    }

    @Test
    void secretsInFailureMessagesAreRedacted() {
        dev.mfawatch.spi.Monitor leaky = ctx -> {
            throw new MonitorException("401 for token ghp_CANARY0123456789");
        };
        RunReport r = MfaWatch.builder().settings(Map.of("mfawatch.monitor.gh.token", "ghp_CANARY0123456789"))
                .store(new InMemorySnapshotStore()).monitor("gh", leaky).runOnce();
        assertThat(r.failures()).singleElement().asString().isEqualTo("monitor gh failed: 401 for token ****");
        assertThat(r.monitor("gh").error()).doesNotContain("CANARY");
    }

    @Test
    void providersAreWiredFromSettingsAlone() {
        Map<String, String> s = (Map.of(
                "mfawatch.monitors", "team-a, team-b",
                "mfawatch.monitor.team-a.type", "scripted",
                "mfawatch.monitor.team-a.accounts", "alice:DISABLED,bob:ENABLED",
                "mfawatch.monitor.team-b.type", "scripted",
                "mfawatch.monitor.team-b.accounts", "carol:ENABLED",
                "mfawatch.notifiers", "audit",
                "mfawatch.notifier.audit.type", "log",
                "mfawatch.notifier.audit.min-severity", "high",
                "mfawatch.store.type", "memory"));
        try (MfaWatch watch = MfaWatch.builder().settings(s).build()) {
            assertThat(watch.monitorNames()).containsExactly("team-a", "team-b");
            RunReport r = watch.run();
            assertThat(r.monitors()).extracting(MonitorOutcome::type).containsOnly("scripted");
            assertThat(r.changes()).extracting(Change::subjectName).containsExactly("alice");
            assertThat(r.deliveries()).singleElement().satisfies(d -> {
                assertThat(d.type()).isEqualTo("log");
                assertThat(d.failed()).isFalse();
            });
        }
    }

    @Test
    void everyConfigurationProblemIsReportedAtOnce() {
        Map<String, String> settings = Map.of(
                "mfawatch.monitors", "gh, aws, Bad!",
                "mfawatch.monitor.gh.type", "scripted",
                "mfawatch.monitor.gh.acounts", "alice:DISABLED",
                "mfawatch.monitor.gh.timeout", "5x",
                "mfawatch.baseline", "loud",
                "mfawatch.store.type", "memory");
        assertThatThrownBy(() -> MfaWatch.builder().settings(settings).build())
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems()).containsExactlyInAnyOrder(
                        "mfawatch.baseline=loud is not one of report, silent",
                        "mfawatch.monitors: monitor name 'bad!' is not valid: use 1 to 63 lower-case letters, digits, '-' or '_', starting with a letter or digit",
                        "mfawatch.monitor.gh.timeout=5x is not a duration (try 30s or 5m)",
                        "mfawatch.monitor.gh.acounts is not a setting of monitor gh (type scripted): check its spelling in the README",
                        "mfawatch.monitor.aws.type is required but not set"))
                .hasMessageStartingWith("5 configuration problems:");
    }

    @Test
    void aTopLevelEnvironmentVariableThatIsNoSettingIsIgnoredButATypoInAFileIsNot() {
        // MFAWATCH_HOME may be a deployment's own variable: it must not stop every command.
        try (MfaWatch watch = MfaWatch.builder()
                .settings(SettingsSources.of(Map.of(), Map.of("MFAWATCH_HOME", "/opt/mfa-watch"), Map.of()))
                .store(new InMemorySnapshotStore()).monitor("gh", new ScriptedMonitor()).build()) {
            assertThat(watch.monitorNames()).containsExactly("gh");
        }
        assertThatThrownBy(() -> MfaWatch.builder().settings(SettingsSources.of(Map.of("mfawatch.home", "/x"), Map.of(), Map.of()))
                .store(new InMemorySnapshotStore()).monitor("gh", new ScriptedMonitor()).build())
                .hasMessageContaining("mfawatch.home is not a setting of mfa-watch");
    }

    @Test
    void aMisspeltTopLevelKeyIsAnErrorNotASilentlyMissingFeature() {
        assertThatThrownBy(() -> MfaWatch.builder().settings(Map.of("mfawatch.reminders.every", "24h"))
                .store(new InMemorySnapshotStore()).monitor("gh", new ScriptedMonitor()).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("mfawatch.reminders.every is not a setting of mfa-watch: check its spelling in the README");
    }

    @Test
    void anUnknownTypeIsAProviderErrorThatListsTheTypesFound() {
        Map<String, String> settings = Map.of("mfawatch.monitors", "gh", "mfawatch.monitor.gh.type", "github",
                "mfawatch.store.type", "memory");
        assertThatThrownBy(() -> MfaWatch.builder().settings(settings).build()).isInstanceOf(ProviderException.class)
                .hasMessageContaining("unknown monitor type 'github' (types found: scripted)")
                .hasMessageContaining("dev.mfawatch:mfa-monitor-github");
    }

    @Test
    void noMonitorIsAConfigurationError() {
        assertThatThrownBy(() -> MfaWatch.builder().settings(Map.of("mfawatch.store.type", "memory")).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("mfawatch.monitors lists no monitor: name at least one, e.g. mfawatch.monitors=gh");
    }

    @Test
    void theDefaultStoreIsTheFileStoreAndItsAbsenceIsExplained() {
        assertThatThrownBy(() -> MfaWatch.builder().settings(Map.of()).monitor("gh", new ScriptedMonitor()).build())
                .isInstanceOf(ProviderException.class)
                .hasMessage("unknown store type 'file' (types found: memory); type 'file' comes with "
                        + "dev.mfawatch:mfa-store-file, add it to the class path");
    }

    @Test
    void aZeroTimeoutIsRefused() {
        assertThatThrownBy(() -> MfaWatch.builder().settings(Map.of("mfawatch.monitor.gh.timeout", "0s"))
                .store(new InMemorySnapshotStore()).monitor("gh", new ScriptedMonitor()).build())
                .hasMessage("mfawatch.monitor.gh.timeout=0s is out of range (from 1ms to 1d)");
        assertThat(dev.mfawatch.spi.Monitor.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(60));
    }
}
