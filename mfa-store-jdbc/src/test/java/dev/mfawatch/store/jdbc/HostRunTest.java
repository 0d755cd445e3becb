package dev.mfawatch.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.core.MfaWatch;
import dev.mfawatch.core.MonitorStatus;
import dev.mfawatch.core.RunReport;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.spi.HistoryRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A host's runs with {@code mfawatch.store.type=jdbc}: found by ServiceLoader, baseline, changes, history. */
class HostRunTest {

    private final PostgresServer server = PostgresServer.require();
    private final Database database = server.database();

    private Map<String, String> settings(String accounts) {
        Map<String, String> m = new HashMap<>();
        m.put("mfawatch.monitors", "team");
        m.put("mfawatch.monitor.team.type", "scripted");
        m.put("mfawatch.monitor.team.accounts", accounts);
        m.put("mfawatch.store.type", "jdbc");
        m.put("mfawatch.store.jdbc.url", server.url());
        m.put("mfawatch.store.jdbc.user", "postgres");
        m.put("mfawatch.store.jdbc.schema", database.schema());
        return m;
    }

    @Test
    void runsKeepTheirStateAndHistoryInPostgres() {
        RunReport first = MfaWatch.builder().settings(settings("alice:DISABLED,bob:ENABLED")).runOnce();
        assertThat(first.monitor("team").status()).isEqualTo(MonitorStatus.OK);
        RunReport second = MfaWatch.builder().settings(settings("alice:ENABLED,bob:DISABLED")).runOnce();
        assertThat(second.monitor("team").status()).isEqualTo(MonitorStatus.OK);
        assertThat(second.changes()).extracting(c -> c.subjectName() + " " + c.kind()).containsExactlyInAnyOrder(
                "alice " + ChangeKind.MFA_ENABLED, "bob " + ChangeKind.MFA_DISABLED);
        RunReport third = MfaWatch.builder().settings(settings("alice:ENABLED,bob:DISABLED")).runOnce();
        assertThat(third.changes()).as("the state came back from PostgreSQL").isEmpty();
        try (MfaWatch watch = MfaWatch.builder().settings(settings("alice:ENABLED,bob:DISABLED")).build()) {
            List<HistoryRecord> history = watch.store().history("team", Instant.EPOCH, Instant.now().plusSeconds(60));
            assertThat(history).extracting(HistoryRecord::withoutMfa).containsExactly(1, 1, 1);
            assertThat(history.get(1).changes()).hasSize(2);
        }
    }
}
