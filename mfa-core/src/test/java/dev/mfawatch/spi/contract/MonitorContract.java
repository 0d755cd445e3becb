package dev.mfawatch.spi.contract;

import static dev.mfawatch.spi.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import dev.mfawatch.spi.Sleeper;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sanity kit every {@link Monitor} must pass against its fake service: it names its snapshot
 * after the instance, scans repeatably, resumes from a previous snapshot, and keeps secrets out of
 * {@code toString()}.
 */
public abstract class MonitorContract {

    private final List<Monitor> opened = new ArrayList<>();

    /**
     * A monitor pointed at a fake service that holds at least one account (or, for an event source,
     * at least one event). Called once per test.
     *
     * @return the monitor
     */
    protected abstract Monitor subject();

    /**
     * The secret values the monitor was created with (tokens, keys), which must not appear in its
     * {@code toString()}. Abstract so that no implementation skips the check by accident: a
     * monitor created without any secret setting returns {@link #NO_SECRETS}.
     *
     * @return the secrets, or {@link #NO_SECRETS}
     */
    protected abstract List<String> secrets();

    /** What {@link #secrets()} returns for a monitor created without any secret setting. */
    protected static final List<String> NO_SECRETS = List.of();

    private Monitor open() {
        Monitor m = subject();
        opened.add(m);
        return m;
    }

    /**
     * A context for a scan at a fixed time.
     *
     * @param name     the instance name
     * @param previous the previous snapshot, or {@code null}
     * @return the context
     */
    protected ScanContext context(String name, Snapshot previous) {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        return ScanContext.of(name, previous, clock, T0.plusSeconds(60));
    }

    @AfterEach
    void closeMonitors() {
        opened.forEach(Monitor::close);
    }

    /** The snapshots a scan saw, one per scope that did not fail. */
    private static List<Snapshot> seen(ScanResult result) {
        return result.scopes().stream().flatMap(s -> s.seenSnapshot().stream()).toList();
    }

    /** The context of the scan after {@code first}, with each scope's snapshot as the stored one. */
    private ScanContext after(String name, ScanResult first) {
        if (first.scopes().size() == 1) {
            return context(name, first.snapshot());
        }
        Map<String, Snapshot> previous = new TreeMap<>();
        seen(first).forEach(s -> previous.put(s.scope(), s));
        return ScanContext.ofScopes(name, previous, Clock.fixed(T0, ZoneOffset.UTC), Sleeper.system(), T0.plusSeconds(60));
    }

    @Test
    void theSnapshotsCarryTheInstanceNameAndEveryScopeIsRead() {
        ScanResult result = open().scan(context("contract-a", null));
        assertThat(result.scopes()).as("the fake service's scopes all answer").allSatisfy(s -> assertThat(s.error()).isNull());
        assertThat(seen(result)).isNotEmpty().allSatisfy(s -> assertThat(s.monitor()).isEqualTo("contract-a"));
    }

    @Test
    void itSeesSomething() {
        ScanResult result = open().scan(context("contract-b", null));
        assertThat(seen(result).stream().mapToInt(s -> s.accounts().size()).sum() + result.events().size()).isPositive();
    }

    @Test
    void twoScansOfAnUnchangedServiceSeeTheSameAccountsInTheSameScopes() {
        Monitor m = open();
        ScanResult first = m.scan(context("contract-c", null));
        ScanResult second = m.scan(after("contract-c", first));
        assertThat(seen(second)).extracting(Snapshot::scope).isEqualTo(seen(first).stream().map(Snapshot::scope).toList());
        for (int i = 0; i < seen(first).size(); i++) {
            assertThat(seen(second).get(i).accounts()).isEqualTo(seen(first).get(i).accounts());
        }
    }

    @Test
    void aSecondScanDoesNotReportTheFirstScansEventsAgain() {
        Monitor m = open();
        ScanResult first = m.scan(context("contract-d", null));
        ScanResult second = m.scan(after("contract-d", first));
        List<String> firstIds = first.events().stream().map(e -> e.eventId()).toList();
        assertThat(second.events()).noneMatch(e -> firstIds.contains(e.eventId()));
    }

    @Test
    void toStringHoldsNoSecret() {
        Monitor m = open();
        String text = m.toString() + " " + m.rule();
        assertThat(text).as("toString() says what the monitor is").isNotBlank();
        for (String secret : secrets()) {
            assertThat(secret).as("a secret worth checking").hasSizeGreaterThanOrEqualTo(4);
            assertThat(text).doesNotContain(secret);
        }
    }
}
