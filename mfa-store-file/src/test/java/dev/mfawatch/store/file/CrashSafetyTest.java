package dev.mfawatch.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.SnapshotStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM (SIGKILL, no shutdown hooks) in the middle of saving, many times, and checks the
 * store always opens and loads either the old or the new snapshot, never a mix or nothing.
 */
class CrashSafetyTest {

    private static final int KILLS = 15;

    @Test
    void aKilledWriterLeavesTheOldOrTheNewSnapshotNeverAMix(@TempDir Path dir) throws Exception {
        Snapshot a = SaveLoop.version(true);
        Snapshot b = SaveLoop.version(false);
        Random random = new Random(20261122L);
        int sawA = 0;
        int sawB = 0;
        int killedMidWrite = 0;
        for (int i = 0; i < KILLS; i++) {
            Process child = startChild(dir);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).as("child started saving").isEqualTo("saving");
                Thread.sleep(random.nextInt(200));
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            if (java.nio.file.Files.exists(dir.resolve(".snapshot-crash.json.tmp"))
                    || java.nio.file.Files.exists(dir.resolve(".pending.json.tmp"))) {
                killedMidWrite++;
            }
            try (SnapshotStore store = FileSnapshotStore.open(dir)) {
                Snapshot loaded = store.load("crash").orElseThrow();
                assertThat(loaded).isIn(a, b);
                if (loaded.equals(a)) {
                    sawA++;
                } else {
                    sawB++;
                }
                assertThat(store.pending()).hasSizeLessThanOrEqualTo(5);
            }
        }
        assertThat(sawA + sawB).isEqualTo(KILLS);
        // Shows the kills landed at different moments and inside writes, not only between them.
        assertThat(sawA).isPositive();
        assertThat(sawB).isPositive();
        assertThat(killedMidWrite).isPositive();
    }

    private static Process startChild(Path dir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SaveLoop.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }
}
