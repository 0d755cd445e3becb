package dev.mfawatch.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.core.MfaWatch;
import dev.mfawatch.core.MonitorOutcome;
import dev.mfawatch.core.RunReport;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code MfaWatch.runOnce()} from settings alone: the test class path holds {@code mfa-watch.properties}
 * naming a {@code scripted} monitor (from mfa-core's test-jar), the {@code log} notifier (built in) and
 * the {@code file} store (this module), all found through {@link java.util.ServiceLoader}.
 */
class ServiceLoaderRunTest {

    /** Where the bundled mfa-watch.properties points the file store. */
    private static final Path STORE = Path.of("target/service-loader-run-store");

    @Test
    void runOnceFindsAMonitorANotifierAndAStoreFromSettingsAlone() throws IOException {
        deleteRecursively(STORE);

        RunReport first = MfaWatch.runOnce();
        assertThat(first.failed()).isFalse();
        assertThat(first.monitors()).extracting(MonitorOutcome::name, MonitorOutcome::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "scripted"));
        assertThat(first.changes()).extracting(Change::kind, Change::subjectName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ChangeKind.ADDED_WITHOUT_MFA, "alice"));
        assertThat(first.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.notifier()).isEqualTo("audit");
            assertThat(d.type()).isEqualTo("log");
        });
        assertThat(STORE.resolve("snapshot-team.json")).exists();

        RunReport second = MfaWatch.runOnce();
        assertThat(second.monitor("team").baseline()).isFalse();
        assertThat(second.changes()).isEmpty();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
