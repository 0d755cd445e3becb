package dev.mfawatch.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.SnapshotStoreException;
import dev.mfawatch.spi.SnapshotStore;
import dev.mfawatch.spi.contract.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store nobody else can write to, and a lease that a refused second writer cannot break. */
class StoreHardeningTest {

    @TempDir
    Path tmp;

    private String probe(Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockProbe.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    @Test
    void aRefusedSecondLeaseInThisProcessDoesNotFreeTheFirstForAnotherProcess() throws Exception {
        try (FileSnapshotStore first = FileSnapshotStore.open(tmp); SnapshotStore.WriterLease lease = first.lease();
             FileSnapshotStore second = FileSnapshotStore.open(tmp)) {
            assertThatThrownBy(second::lease).isInstanceOf(SnapshotStoreException.class)
                    .hasMessageContaining("another mfa-watch run is writing to the store directory");
            // On Linux, closing any channel to .lock would have dropped the first lease's lock.
            assertThat(probe(tmp)).isEqualTo("held");
            first.save(Snapshot.of("gh", Fixtures.T0, List.of()));
        }
        assertThat(probe(tmp)).isEqualTo("free");
    }

    @Test
    void aDirectoryOthersCanWriteToIsRefusedWithTheFix() throws IOException {
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwx---"));
        assertThatThrownBy(() -> FileSnapshotStore.open(shared)).isInstanceOf(SnapshotStoreException.class)
                .hasMessageContaining("its group or others may write to it (rwxrwx---)")
                .hasMessageContaining("chmod go-w")
                .hasMessageContaining("point mfawatch.store.file.directory at a subdirectory, which mfa-watch creates rwx------");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xrwx"));
        assertThatThrownBy(() -> FileSnapshotStore.open(shared)).hasMessageContaining("its group or others may write to it");
        // The documented way out: a subdirectory of the shared volume, created private.
        Path sub = shared.resolve("mfa-watch");
        FileSnapshotStore.open(sub).close();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sub))).isEqualTo("rwx------");
    }

    @Test
    void aDirectoryThatIsASymbolicLinkIsRefused() throws IOException {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        assertThatThrownBy(() -> FileSnapshotStore.open(link)).isInstanceOf(SnapshotStoreException.class)
                .hasMessageContaining("it is a symbolic link");
    }

    @Test
    void aSnapshotOrLockThatIsASymbolicLinkIsNeitherReadNorFollowed() throws IOException {
        Path elsewhere = Files.writeString(tmp.resolve("elsewhere.json"), "{\"schemaVersion\":1,\"monitor\":\"gh\","
                + "\"takenAt\":\"2026-01-05T08:00:00Z\",\"accounts\":[]}");
        Path store = Files.createDirectory(tmp.resolve("store"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createSymbolicLink(store.resolve("snapshot-gh.json"), elsewhere);
        try (FileSnapshotStore s = FileSnapshotStore.open(store)) {
            assertThatThrownBy(() -> s.load("gh")).isInstanceOf(SnapshotStoreException.class).hasMessageContaining("cannot be read");
        }
        Path victim = Files.writeString(tmp.resolve("victim"), "keep me");
        Path other = Files.createDirectory(tmp.resolve("other"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createSymbolicLink(other.resolve(".lock"), victim);
        try (FileSnapshotStore s = FileSnapshotStore.open(other)) {
            assertThatThrownBy(s::lease).isInstanceOf(SnapshotStoreException.class).hasMessageContaining("cannot take the writer lease");
        }
        assertThat(Files.readString(victim)).isEqualTo("keep me");
    }
}
