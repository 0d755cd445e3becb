package dev.mfawatch.store.file;

import static dev.mfawatch.model.MfaState.DISABLED;
import static dev.mfawatch.model.MfaState.ENABLED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.core.MfaWatch;
import dev.mfawatch.core.MonitorStatus;
import dev.mfawatch.core.RunReport;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.spi.contract.ScriptedMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host embedding mfa-watch: a scripted monitor object, the logging notifier and the file store from
 * settings, across runs as a scheduler would make them, each run a fresh {@code MfaWatch}.
 */
class HostRunTest {

    private static final Account ALICE = Account.of("github:1", "alice", DISABLED);
    private static final Account BOB = Account.of("github:2", "bob", ENABLED);
    private static final Account CAROL = Account.of("github:3", "carol", DISABLED);

    @TempDir
    Path dir;

    private RunReport run(ScriptedMonitor gh, ScriptedMonitor aws) {
        return MfaWatch.builder()
                .settings(Map.of(
                        "mfawatch.notifiers", "audit",
                        "mfawatch.notifier.audit.type", "log",
                        "mfawatch.store.file.directory", dir.toString()))
                .monitor("gh", gh)
                .monitor("aws", aws)
                .runOnce();
    }

    @Test
    void baselineChangesQuietAndAFailingMonitorWhoseSnapshotSurvives() throws Exception {
        ScriptedMonitor gh = new ScriptedMonitor()
                .then(ALICE, BOB)
                .then(ALICE.withState(ENABLED), BOB.withState(DISABLED), CAROL)
                .then(ALICE.withState(ENABLED), BOB.withState(DISABLED), CAROL)
                .thenFail("GitHub answered 502 on page 3 of 5");
        ScriptedMonitor aws = new ScriptedMonitor().then(Account.of("arn:aws:iam::1:user/dev", "dev", ENABLED));

        RunReport baseline = run(gh, aws);
        assertThat(baseline.failed()).isFalse();
        assertThat(baseline.changes()).extracting(Change::kind, Change::subjectName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ChangeKind.ADDED_WITHOUT_MFA, "alice"));
        assertThat(dir.resolve("snapshot-gh.json")).exists();
        assertThat(dir.resolve("snapshot-aws.json")).exists();

        RunReport changes = run(gh, aws);
        assertThat(changes.changes()).extracting(Change::subjectName, Change::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alice", ChangeKind.MFA_ENABLED),
                org.assertj.core.groups.Tuple.tuple("bob", ChangeKind.MFA_DISABLED),
                org.assertj.core.groups.Tuple.tuple("carol", ChangeKind.ADDED_WITHOUT_MFA));
        assertThat(changes.deliveries()).singleElement().satisfies(d -> assertThat(d.delivered()).isEqualTo(3));

        RunReport quiet = run(gh, aws);
        assertThat(quiet.changes()).isEmpty();
        assertThat(quiet.failed()).isFalse();
        byte[] kept = Files.readAllBytes(dir.resolve("snapshot-gh.json"));

        RunReport failing = run(gh, aws);
        assertThat(failing.monitor("gh").status()).isEqualTo(MonitorStatus.FAILED);
        assertThat(failing.monitor("gh").error()).isEqualTo("monitor gh failed: GitHub answered 502 on page 3 of 5");
        assertThat(failing.monitor("gh").accounts()).isEqualTo(3);
        assertThat(failing.monitor("aws").status()).isEqualTo(MonitorStatus.OK);
        assertThat(failing.changes()).as("a failed scan removes nobody").isEmpty();
        assertThat(Files.readAllBytes(dir.resolve("snapshot-gh.json"))).isEqualTo(kept);
    }

    @Test
    void aCorruptSnapshotFailsOnlyItsMonitorAndIsLeftAlone() throws Exception {
        ScriptedMonitor gh = new ScriptedMonitor().then(ALICE);
        ScriptedMonitor aws = new ScriptedMonitor().then(CAROL);
        run(gh, aws);
        Path file = dir.resolve("snapshot-gh.json");
        Files.writeString(file, "{\"schemaVersion\":1,\"monitor\":\"gh\",\"acc");
        RunReport r = run(gh, aws.then(CAROL.withState(ENABLED)));
        assertThat(r.monitor("gh").status()).isEqualTo(MonitorStatus.FAILED);
        assertThat(r.monitor("gh").error()).contains(file.toString(), "corrupt or truncated", "move it aside");
        assertThat(gh.scans()).as("not scanned without a readable baseline").isEqualTo(1);
        assertThat(r.changes()).extracting(Change::kind).containsExactly(ChangeKind.MFA_ENABLED);
        assertThat(Files.readString(file)).isEqualTo("{\"schemaVersion\":1,\"monitor\":\"gh\",\"acc");
    }

    @Test
    void twoRunsOnOneDirectoryDoNotInterleaveAndNeitherHoldsItBetweenRuns() throws Exception {
        java.util.concurrent.CountDownLatch scanning = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        dev.mfawatch.spi.Monitor slow = ctx -> {
            scanning.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return dev.mfawatch.spi.ScanResult.of(dev.mfawatch.model.Snapshot.of(ctx.monitorName(), ctx.clock().instant(), List.of(ALICE)));
        };
        try (MfaWatch first = MfaWatch.builder().settings(Map.of("mfawatch.store.file.directory", dir.toString()))
                .monitor("gh", slow).build();
             MfaWatch second = MfaWatch.builder().settings(Map.of("mfawatch.store.file.directory", dir.toString()))
                .monitor("gh", new ScriptedMonitor().then(ALICE).then(ALICE)).build()) {
            java.util.concurrent.CompletableFuture<RunReport> firstRun = java.util.concurrent.CompletableFuture.supplyAsync(first::run);
            assertThat(scanning.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            RunReport refused = second.run();
            assertThat(refused.failed()).isTrue();
            assertThat(refused.failures()).singleElement().asString().startsWith("the run did not start: another mfa-watch run is "
                    + "writing to the store directory");
            assertThat(refused.monitor("gh").status()).isEqualTo(dev.mfawatch.core.MonitorStatus.FAILED);
            release.countDown();
            assertThat(firstRun.get(10, java.util.concurrent.TimeUnit.SECONDS).failed()).isFalse();
            // Between runs nobody holds the lease: the second watch, still open, now runs.
            assertThat(second.run().failed()).isFalse();
        }
    }
}
