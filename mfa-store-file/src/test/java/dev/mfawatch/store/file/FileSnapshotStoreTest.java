package dev.mfawatch.store.file;

import static dev.mfawatch.spi.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.SnapshotStoreException;
import dev.mfawatch.spi.PendingDelivery;
import dev.mfawatch.spi.SnapshotStore;
import dev.mfawatch.spi.contract.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSnapshotStoreTest {

    @TempDir
    Path tmp;

    private Path saveOne(Path dir) {
        try (SnapshotStore store = Writers.open(dir)) {
            store.save(Fixtures.richSnapshot("gh", T0));
        }
        return dir.resolve("snapshot-gh.json");
    }

    @Test
    void filesAndDirectoryAreOwnerOnly() throws IOException {
        Path dir = tmp.resolve("nested/store");
        Path file = saveOne(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (SnapshotStore store = Writers.open(dir)) {
            store.park(List.of(new PendingDelivery("slack", Fixtures.mixedChanges("gh").get(0), T0, 1)));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("pending.json"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aHeldScanMarkOutlivesTheProcessIsNoScopeAndGoesWithRetire() throws IOException {
        try (SnapshotStore store = Writers.open(tmp)) {
            store.save(Snapshot.of("gh", "acme", T0, List.of()));
            store.holdRemoval("gh", "acme", "f00d");
            store.holdRemoval("gh", Snapshot.DEFAULT_SCOPE, "beef");
        }
        try (SnapshotStore store = Writers.open(tmp)) {
            assertThat(store.heldRemoval("gh", "acme")).contains("f00d");
            assertThat(store.heldRemoval("gh", Snapshot.DEFAULT_SCOPE)).contains("beef");
            assertThat(store.heldRemoval("other", "acme")).isEmpty();
            assertThat(store.scopes("gh")).containsExactly("acme");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("held-gh@acme.json"))))
                    .isEqualTo("rw-------");
            store.holdRemoval("gh", Snapshot.DEFAULT_SCOPE, null);
            assertThat(store.heldRemoval("gh", Snapshot.DEFAULT_SCOPE)).isEmpty();
            store.retire("gh", "acme");
            assertThat(store.heldRemoval("gh", "acme")).isEmpty();
            assertThat(tmp.resolve("held-gh@acme.json")).doesNotExist();
        }
        // A file that is not a mark is named, not taken for one.
        Files.writeString(tmp.resolve("held-gh.json"), "x".repeat(10_000));
        try (SnapshotStore store = FileSnapshotStore.open(tmp)) {
            assertThatThrownBy(() -> store.heldRemoval("gh", Snapshot.DEFAULT_SCOPE)).isInstanceOf(SnapshotStoreException.class)
                    .hasMessageContaining("held-gh.json is not a held-scan mark");
        }
    }

    @Test
    void theFileIsVersionedJsonThatAPersonCanRead() throws IOException {
        String json = Files.readString(saveOne(tmp));
        assertThat(json).startsWith("{\"schemaVersion\":1,\"monitor\":\"gh\",\"takenAt\":\"2026-01-05T08:00:00Z\"")
                .contains("\"state\":\"DISABLED\"", "\"weak\":true", "\"critical\":true", "\"role\":\"admin\"");
        assertThat(json.lines()).hasSizeGreaterThan(4);
    }

    @Test
    void aSecondWriterIsRefusedUntilTheFirstClosesButReadersAreNot() {
        SnapshotStore first = Writers.open(tmp);
        first.save(Snapshot.of("gh", T0, List.of()));
        assertThatThrownBy(() -> Writers.open(tmp)).isInstanceOf(SnapshotStoreException.class)
                .hasMessage("another mfa-watch run is writing to the store directory " + tmp.toAbsolutePath()
                        + " (it holds .lock); wait for it to finish, or give this run its own mfawatch.store.file.directory");
        try (SnapshotStore reader = FileSnapshotStore.open(tmp)) {
            assertThat(reader.load("gh")).isPresent();
        }
        first.close();
        Writers.open(tmp).close();
    }

    @Test
    void aHistoryLineCutShortByACrashIsIgnoredThenTrimmedByTheNextWriter() throws IOException {
        try (SnapshotStore store = Writers.open(tmp)) {
            store.appendHistory(List.of(new dev.mfawatch.spi.HistoryRecord(T0, "gh", "default", 3, 1, 0, 0, List.of())));
        }
        Path month = tmp.resolve("history/2026-01.jsonl");
        Files.writeString(month, "{\"schemaVersion\":1,\"at\":\"2026-01-05T09", java.nio.file.StandardOpenOption.APPEND);
        try (SnapshotStore reader = FileSnapshotStore.open(tmp)) {
            assertThat(reader.history("gh", T0, T0.plusSeconds(1))).extracting(r -> r.accounts()).containsExactly(3);
        }
        try (SnapshotStore store = Writers.open(tmp)) {
            store.appendHistory(List.of(new dev.mfawatch.spi.HistoryRecord(T0.plusSeconds(60), "gh", "default", 4, 1, 0, 0, List.of())));
            assertThat(store.history("gh", T0, T0.plusSeconds(61))).extracting(r -> r.accounts()).containsExactly(3, 4);
        }
        assertThat(Files.readString(month).lines()).hasSize(2);
    }

    @Test
    void aBrokenHistoryLineIsReportedWithItsFileAndLine() throws IOException {
        Files.createDirectories(tmp.resolve("history"));
        Files.writeString(tmp.resolve("history/2026-01.jsonl"), "{\"schemaVersion\":1}\nnot json\n");
        try (SnapshotStore reader = FileSnapshotStore.open(tmp)) {
            assertThatThrownBy(() -> reader.history("gh", T0.minusSeconds(86_400 * 30), T0)).isInstanceOf(SnapshotStoreException.class)
                    .hasMessageStartingWith(tmp.toAbsolutePath().resolve("history/2026-01.jsonl") + " cannot be read at line 1");
        }
        assertThat(Files.readString(tmp.resolve("history/2026-01.jsonl"))).contains("not json");
    }

    @Test
    void scopesWithAnyAllowedCharacterMakeSafeFileNames() {
        for (String scope : List.of("123456789012", "acme-corp", "a.b_c", "t:eu+1@x=y", "..", "A-b")) {
            String encoded = FileSnapshotStore.encodeScope(scope);
            assertThat(encoded).matches("[A-Za-z0-9._%-]+").doesNotContain("/");
            assertThat(FileSnapshotStore.decodeScope(encoded)).isEqualTo(scope);
        }
    }

    @Test
    void aCorruptFileIsReportedByPathAndNeverOverwritten() throws IOException {
        Path file = tmp.resolve("snapshot-gh.json");
        Files.writeString(file, "{\"schemaVersion\":1,\"monitor\":\"gh\",\"takenAt\":\"2026-01-05T08:00:00Z\",\"accounts\":[{\"id\":");
        byte[] before = Files.readAllBytes(file);
        try (SnapshotStore store = Writers.open(tmp)) {
            assertThatThrownBy(() -> store.load("gh")).isInstanceOf(SnapshotStoreException.class)
                    .hasMessageStartingWith(file.toAbsolutePath() + " cannot be read: it is corrupt or truncated (")
                    .hasMessageEndingWith("It was left untouched; move it aside to start monitor gh afresh (its next scan is then a baseline)");
            assertThatThrownBy(() -> store.save(Snapshot.of("gh", T0, List.of())))
                    .hasMessageContaining("not overwriting " + file.toAbsolutePath());
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aTruncatedCopyOfAGoodFileIsCorruptAtEveryCut() throws IOException {
        byte[] good = Files.readAllBytes(saveOne(tmp.resolve("good")));
        Path dir = tmp.resolve("cut");
        Files.createDirectories(dir);
        for (int cut = 1; cut < good.length - 1; cut += 7) {
            Files.write(dir.resolve("snapshot-gh.json"), Arrays.copyOf(good, cut));
            try (SnapshotStore store = Writers.open(dir)) {
                int at = cut;
                assertThatThrownBy(() -> store.load("gh")).as("cut at %d", at).isInstanceOf(SnapshotStoreException.class);
            }
        }
    }

    @Test
    void wrongValuesNameTheField() throws IOException {
        Files.writeString(tmp.resolve("snapshot-gh.json"), "{\"schemaVersion\":1,\"monitor\":\"gh\",\"takenAt\":\"yesterday\",\"accounts\":[]}");
        Files.writeString(tmp.resolve("snapshot-aws.json"), "{\"schemaVersion\":1,\"monitor\":\"aws\",\"takenAt\":\"2026-01-05T08:00:00Z\","
                + "\"accounts\":[{\"id\":\"u\",\"name\":\"u\",\"state\":\"MAYBE\"}]}");
        Files.writeString(tmp.resolve("snapshot-x.json"), "{\"monitor\":\"x\",\"takenAt\":\"2026-01-05T08:00:00Z\",\"accounts\":[]}");
        Files.writeString(tmp.resolve("snapshot-y.json"), "{\"schemaVersion\":1,\"monitor\":\"other\",\"takenAt\":\"2026-01-05T08:00:00Z\"}");
        try (SnapshotStore store = Writers.open(tmp)) {
            assertThatThrownBy(() -> store.load("gh")).hasMessageContaining("field 'takenAt' is not an ISO-8601 instant: yesterday");
            assertThatThrownBy(() -> store.load("aws")).hasMessageContaining("field 'state' has the unknown value MAYBE");
            assertThatThrownBy(() -> store.load("x")).hasMessageContaining("missing field 'schemaVersion'");
            assertThatThrownBy(() -> store.load("y")).hasMessageContaining("it holds the snapshot of monitor 'other'");
        }
    }

    @Test
    void aFileFromANewerVersionAsksForAnUpgradeAndIsKept() throws IOException {
        Path file = tmp.resolve("snapshot-gh.json");
        Files.writeString(file, "{\"schemaVersion\":7,\"monitor\":\"gh\",\"something\":{\"new\":[1,2]}}");
        try (SnapshotStore store = Writers.open(tmp)) {
            assertThatThrownBy(() -> store.load("gh"))
                    .hasMessageContaining("it was written by a newer mfa-watch (schema version 7; this one reads up to 1): upgrade mfa-watch");
        }
        assertThat(Files.readString(file)).contains("\"schemaVersion\":7");
    }

    @Test
    void unknownFieldsOfTheCurrentSchemaAreSkipped() throws IOException {
        Files.writeString(tmp.resolve("snapshot-gh.json"), "{\"schemaVersion\":1,\"monitor\":\"gh\",\"extra\":{\"a\":[1,{\"b\":2}]},"
                + "\"takenAt\":\"2026-01-05T08:00:00Z\",\"accounts\":[{\"id\":\"u\",\"name\":\"u\",\"state\":\"DISABLED\",\"future\":true}]}");
        try (SnapshotStore store = Writers.open(tmp)) {
            assertThat(store.load("gh").orElseThrow().accounts()).containsExactly(Fixtures.account("u", MfaState.DISABLED).withName("u"));
        }
    }

    @Test
    void corruptPendingDeliveriesAreNeitherReadNorOverwritten() throws IOException {
        Path file = tmp.resolve("pending.json");
        Files.writeString(file, "{\"schemaVersion\":1,\"pending\":[{\"notifier\":\"slack\"");
        try (SnapshotStore store = Writers.open(tmp)) {
            assertThatThrownBy(store::pending).hasMessageContaining(file.toAbsolutePath() + " cannot be read");
            assertThatThrownBy(() -> store.park(List.of(new PendingDelivery("slack", Fixtures.mixedChanges("gh").get(0), T0, 1))))
                    .isInstanceOf(SnapshotStoreException.class);
        }
        assertThat(Files.readString(file)).isEqualTo("{\"schemaVersion\":1,\"pending\":[{\"notifier\":\"slack\"");
    }

    @Test
    void aTemporaryFileLeftByACrashIsRemovedAndTheSnapshotStays() throws IOException {
        Path file = saveOne(tmp);
        Path stale = tmp.resolve(".snapshot-gh.json.tmp");
        Files.writeString(stale, "{\"half");
        try (SnapshotStore store = Writers.open(tmp)) {
            assertThat(stale).doesNotExist();
            assertThat(store.load("gh")).contains(Fixtures.richSnapshot("gh", T0));
        }
        assertThat(file).exists();
    }

    @Test
    void aClosedStoreRefusesWrites() {
        SnapshotStore store = Writers.open(tmp);
        store.close();
        assertThatThrownBy(() -> store.save(Snapshot.of("gh", T0, List.of()))).hasMessageContaining("is closed");
    }

    @Test
    void monitorNamesCannotLeaveTheDirectory() {
        try (SnapshotStore store = Writers.open(tmp)) {
            assertThatThrownBy(() -> store.load("../etc")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theProviderReadsItsDirectoryKey() {
        var settings = Fixtures.settings("mfawatch.store.file", Map.of("mfawatch.store.file.directory", tmp.resolve("d").toString()));
        try (SnapshotStore store = new FileSnapshotStoreProvider().create(settings); var lease = store.lease()) {
            store.save(Snapshot.of("gh", T0, List.of()));
        }
        assertThat(tmp.resolve("d/snapshot-gh.json")).exists();
    }
}
