package dev.mfawatch.cli;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.AccountId;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.Severity;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.HistoryRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The HTML report over a long history: 20 monitors run every hour for 400 days (192,000 history
 * records), each monitor with 500 accounts now, a few percent without MFA, and a change every few
 * days. Measures the render time; the page's size is reported as an auxiliary counter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class HtmlReportBenchmark {

    @Param({"20"})
    int monitors;

    @Param({"400"})
    int days;

    HtmlReport report;

    /** The size of the last page rendered. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Size {
        public long bytes;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Instant now = Instant.parse("2026-11-01T00:00:00Z");
        Instant since = now.minus(Duration.ofDays(days));
        List<HtmlReport.MonitorData> data = new ArrayList<>();
        for (int m = 0; m < monitors; m++) {
            String name = "monitor-" + m;
            List<Account> accounts = new ArrayList<>();
            for (int a = 0; a < 500; a++) {
                accounts.add(new Account(AccountId.of(name + ":" + a), "user" + a + "@example.com",
                        a % 25 == 0 ? MfaState.DISABLED : MfaState.ENABLED, a % 40 == 1, a == 0, Map.of()));
            }
            List<HistoryRecord> history = new ArrayList<>();
            for (int h = days * 24; h > 0; h--) {
                Instant at = now.minus(Duration.ofHours(h));
                List<Change> changes = new ArrayList<>();
                if (h % 97 == 0) {
                    Account who = accounts.get(h % 500);
                    changes.add(new Change(name, "default", ChangeKind.MFA_DISABLED, Severity.HIGH, who.id(), who.name(), who, who, at,
                            Map.of(), false, at.toString(), null));
                }
                history.add(new HistoryRecord(at, name, "default", 500, 20 + (h / 200) % 15, 12, 0, changes));
            }
            data.add(new HtmlReport.MonitorData(name, new FindingRule(name + "-mfa", "Accounts of " + name + " without MFA",
                    "Why it matters.", "identity", Severity.HIGH, "Turn MFA on.", "https://example.com/fix"),
                    List.of(Snapshot.of(name, "default", now, accounts)), history));
        }
        report = new HtmlReport(now, since, data, List.of());
    }

    @Benchmark
    public String render(Size size) {
        String page = report.render();
        size.bytes = page.getBytes(StandardCharsets.UTF_8).length;
        return page;
    }
}
