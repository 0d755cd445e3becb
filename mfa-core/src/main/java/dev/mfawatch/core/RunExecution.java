package dev.mfawatch.core;

import dev.mfawatch.core.Instances.MonitorInstance;
import dev.mfawatch.core.Instances.NotifierInstance;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.Exemption;
import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.MfaWatchException;
import dev.mfawatch.model.NotifierException;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.HistoryRecord;
import dev.mfawatch.spi.PendingDelivery;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import dev.mfawatch.spi.ScopeResult;
import dev.mfawatch.spi.SettingValues;
import dev.mfawatch.spi.Sleeper;
import dev.mfawatch.spi.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run: load, scan in parallel under time limits, detect, deliver (or park), then save.
 *
 * <p>The order is what makes delivery at-least-once: a snapshot is saved only after every change it
 * produced reached every notifier or was parked in the store. A crash anywhere before the save makes
 * the next run find the same changes again, never lose them.
 */
final class RunExecution {

    private static final Logger LOG = LoggerFactory.getLogger("dev.mfawatch.run");

    /** The state of one scope of a monitor through the run. */
    private static final class ScopeState {
        final String id;
        final @Nullable Snapshot previous;
        @Nullable Snapshot now;
        List<Change> changes = List.of();
        ScopeStatus status = ScopeStatus.OK;
        @Nullable String error;
        int exempt;

        ScopeState(String id, @Nullable Snapshot previous) {
            this.id = id;
            this.previous = previous;
        }

        void fail(ScopeStatus why, String message) {
            status = why;
            error = message;
            now = null;
            changes = List.of();
        }
    }

    /** The state of one monitor through the run. */
    private static final class Scan {
        final MonitorInstance instance;
        final Map<String, Snapshot> previous = new TreeMap<>();
        final Map<String, ScopeState> scopes = new TreeMap<>();
        MonitorStatus status = MonitorStatus.OK;
        @Nullable String error;
        Duration took = Duration.ZERO;
        List<String> warnings = List.of();
        @Nullable Future<ScanResult> future;

        final FindingRule rule;

        Scan(MonitorInstance instance) {
            this.instance = instance;
            FindingRule r;
            try {
                r = instance.monitor().rule();
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e);
                r = null;
            }
            this.rule = r != null && r != FindingRule.GENERIC ? r : FindingRule.generic(instance.type());
        }

        String name() {
            return instance.name();
        }

        /** The whole monitor failed: every stored scope keeps its snapshot. */
        void fail(MonitorStatus why, String message) {
            status = why;
            error = message;
            scopes.clear();
            ScopeStatus scopeWhy = why == MonitorStatus.TIMEOUT ? ScopeStatus.TIMEOUT : ScopeStatus.FAILED;
            previous.forEach((id, snap) -> {
                ScopeState st = new ScopeState(id, snap);
                st.fail(scopeWhy, message);
                scopes.put(id, st);
            });
        }

        List<Change> changes() {
            return scopes.values().stream().flatMap(st -> st.changes.stream()).toList();
        }
    }

    private final List<MonitorInstance> monitors;
    private final List<NotifierInstance> notifiers;
    private final SnapshotStore store;
    private final BaselinePolicy baseline;
    private final Clock clock;
    private final UnaryOperator<String> redact;
    private final List<Exemption> exemptions;
    private final Duration reminderEvery;
    private final Duration historyKeep;
    private final int maxAttempts;
    private final Duration maxAge;
    private final List<String> failures = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /**
     * Prepares a run.
     *
     * @param monitors  the monitor instances
     * @param notifiers the notifier instances
     * @param store     the store
     * @param baseline  what a first run reports
     * @param clock     the clock
     * @param redact    removes secret values from failure messages
     * @param exemptions accounts that raise no alert until their exemption expires
     * @param reminderEvery the period of reminders of accounts still without MFA, or zero for none
     * @param historyKeep how long the store keeps the run history
     * @param maxAttempts how many failed deliveries make a dead letter
     * @param maxAge      how long a delivery may stay pending before it is a dead letter
     */
    RunExecution(List<MonitorInstance> monitors, List<NotifierInstance> notifiers, SnapshotStore store,
                 BaselinePolicy baseline, Clock clock, UnaryOperator<String> redact, List<Exemption> exemptions,
                 Duration reminderEvery, Duration historyKeep, int maxAttempts, Duration maxAge) {
        this.historyKeep = historyKeep;
        this.maxAttempts = maxAttempts;
        this.maxAge = maxAge;
        this.exemptions = List.copyOf(exemptions);
        this.reminderEvery = reminderEvery;
        this.monitors = monitors;
        this.notifiers = notifiers;
        this.store = store;
        this.baseline = baseline;
        this.clock = clock;
        this.redact = redact;
    }

    /**
     * Runs once.
     *
     * @return the report
     */
    public RunReport run() {
        Instant started = clock.instant();
        List<Scan> scans = monitors.stream().map(Scan::new).toList();
        SnapshotStore.WriterLease lease;
        try {
            lease = store.lease();
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            String why = fail("the run did not start: ", e);
            scans.forEach(s -> s.fail(MonitorStatus.FAILED, why));
            return report(started, scans, List.of(), List.of());
        }
        try (lease) {
            loadPrevious(scans);
            scanAll(scans);
            warnUnmatchedExemptions(scans);
            List<Change> changes = scans.stream().flatMap(s -> s.changes().stream()).toList();
            DeliveryQueue.Result delivered = new DeliveryQueue(store, notifiers, clock, redact, maxAttempts, maxAge).deliver(changes);
            failures.addAll(delivered.failures());
            warnings.addAll(delivered.warnings());
            saveAll(scans, delivered.unsafeScopes());
            recordHistory(scans);
            return report(started, scans, changes, delivered.outcomes());
        }
    }

    private RunReport report(Instant started, List<Scan> scans, List<Change> changes, List<DeliveryOutcome> deliveries) {
        int pendingAfter = count("pending deliveries", store::pending);
        int dead = count("dead letters", store::deadLetters);
        if (dead > 0) {
            // Every run says so until someone acts: an alert nobody received is not a detail.
            fail(dead + " delivery(ies) are dead letters and reached no one: mfa-watch deliveries list, then retry or drop", null);
        }
        List<MonitorOutcome> outcomes = scans.stream().map(this::outcome).toList();
        RunReport report = new RunReport(started, clock.instant(), outcomes, changes, deliveries, pendingAfter, dead, failures,
                warnings);
        LOG.info("run finished: {} monitor(s), {} failed, {} change(s), {} pending deliver(ies)", outcomes.size(),
                outcomes.stream().filter(o -> o.status() != MonitorStatus.OK).count(), changes.size(), pendingAfter);
        return report;
    }

    private void loadPrevious(List<Scan> scans) {
        for (Scan s : scans) {
            try {
                for (String scope : store.scopes(s.name())) {
                    store.load(s.name(), scope).ifPresent(snap -> s.previous.put(scope, snap));
                }
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e);
                s.fail(MonitorStatus.FAILED, fail("monitor " + s.name() + ": its stored snapshots cannot be read, so it was not scanned: ", e));
            }
        }
    }

    private void scanAll(List<Scan> scans) {
        // One thread per monitor: a monitor that hangs past its limit holds only its own thread.
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mfa-watch-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            Instant start = clock.instant();
            long startNanos = System.nanoTime();
            for (Scan s : scans) {
                if (s.status == MonitorStatus.OK) {
                    ScanContext ctx = ScanContext.ofScopes(s.name(), s.previous, clock, Sleeper.system(),
                            start.plus(s.instance.timeout()));
                    s.future = pool.submit(() -> s.instance.monitor().scan(ctx));
                }
            }
            for (Scan s : scans) {
                if (s.future != null) {
                    await(s, startNanos);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void await(Scan s, long startNanos) {
        long limit = s.instance.timeout().toNanos();
        long left = limit - (System.nanoTime() - startNanos);
        try {
            ScanResult result = s.future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            s.took = Duration.ofNanos(System.nanoTime() - startNanos);
            accept(s, result);
        } catch (TimeoutException e) {
            s.future.cancel(true);
            s.took = s.instance.timeout();
            s.fail(MonitorStatus.TIMEOUT, fail("monitor " + s.name() + " did not finish within its time limit of "
                    + SettingValues.format(s.instance.timeout()) + " (mfawatch.monitor." + s.name() + ".timeout); its old snapshot is kept", null));
        } catch (ExecutionException e) {
            s.took = Duration.ofNanos(System.nanoTime() - startNanos);
            s.fail(MonitorStatus.FAILED, fail("monitor " + s.name() + " failed: ", e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.future.cancel(true);
            s.fail(MonitorStatus.FAILED, fail("monitor " + s.name() + ": the run was interrupted", null));
        }
    }

    private void accept(Scan s, @Nullable ScanResult result) {
        if (result == null) {
            s.fail(MonitorStatus.FAILED, fail("monitor " + s.name() + " returned no result (a bug in the monitor)", null));
            return;
        }
        for (ScopeResult r : result.scopes()) {
            if (r.snapshot() != null && !r.snapshot().monitor().equals(s.name())) {
                s.fail(MonitorStatus.FAILED, fail("monitor " + s.name() + " returned a snapshot named '" + r.snapshot().monitor()
                        + "' (a bug in the monitor: use ScanContext.monitorName())", null));
                return;
            }
        }
        s.warnings = result.warnings().stream().map(w -> redact.apply("monitor " + s.name() + ": " + w)).toList();
        s.warnings.forEach(LOG::warn);
        List<String> failed = new ArrayList<>();
        for (ScopeResult r : result.scopes()) {
            ScopeState st = new ScopeState(r.scope(), s.previous.get(r.scope()));
            s.scopes.put(r.scope(), st);
            if (r.error() != null) {
                failed.add(r.scope());
                st.fail(ScopeStatus.FAILED, fail("monitor " + s.name() + ", scope " + r.scope() + " failed (its old snapshot is kept): "
                        + r.error(), null));
            } else {
                compare(s, st, Objects.requireNonNull(r.snapshot()), r.events());
                if (st.status != ScopeStatus.OK) {
                    failed.add(r.scope());
                }
            }
        }
        for (Map.Entry<String, Snapshot> gone : s.previous.entrySet()) {
            if (!s.scopes.containsKey(gone.getKey())) {
                ScopeState st = new ScopeState(gone.getKey(), gone.getValue());
                st.status = ScopeStatus.GONE;
                s.scopes.put(gone.getKey(), st);
                String text = "monitor " + s.name() + " no longer watches scope " + gone.getKey() + " (last scanned "
                        + gone.getValue().takenAt() + "); its snapshot is retired and no account is reported removed";
                warnings.add(text);
                LOG.warn(text);
            }
        }
        if (!failed.isEmpty()) {
            s.status = MonitorStatus.FAILED;
            s.error = failed.size() + " of " + result.scopes().size() + " scope(s) failed: " + String.join(", ", failed);
        }
    }

    private void compare(Scan s, ScopeState st, Snapshot scanned, List<dev.mfawatch.model.SignInEvent> events) {
        Snapshot snapshot = st.previous == null ? scanned : scanned.carryForwardSettings(st.previous);
        try {
            List<Change> found = ChangeDetector.detect(st.previous, snapshot, events, baseline);
            st.changes = withRemedy(Reminders.apply(found, st.previous, snapshot, exemptionsOf(s.name()), reminderEvery), s.rule);
            st.exempt = Reminders.exempt(snapshot, exemptionsOf(s.name()));
            st.now = snapshot;
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            st.fail(ScopeStatus.FAILED, fail("monitor " + s.name() + ", scope " + st.id + ": its result could not be compared: ", e));
        }
    }

    /** Names the monitor's rule on each change that calls for action, so every notifier can quote its remedy. */
    private static List<Change> withRemedy(List<Change> changes, FindingRule rule) {
        List<Change> out = new ArrayList<>(changes.size());
        for (Change c : changes) {
            out.add(c.severity().isAtLeast(dev.mfawatch.model.Severity.MEDIUM) ? c.withRule(rule) : c);
        }
        return out;
    }

    private void saveAll(List<Scan> scans, Set<String> unsafe) {
        for (Scan s : scans) {
            for (ScopeState st : s.scopes.values()) {
                if (st.status == ScopeStatus.GONE) {
                    retire(s, st);
                    continue;
                }
                if (st.now == null) {
                    continue;
                }
                if (unsafe.contains(DeliveryQueue.scopeKey(s.name(), st.id))) {
                    st.fail(ScopeStatus.FAILED, "its changes could be neither delivered nor parked, so its snapshot was not saved");
                    markFailed(s, st);
                    continue;
                }
                try {
                    store.save(st.now);
                } catch (Throwable e) {
                    Failures.rethrowIfFatal(e);
                    st.fail(ScopeStatus.FAILED, fail("monitor " + s.name() + ", scope " + st.id + ": its new snapshot could not be saved "
                            + "(the old one is kept, so the next run reports these changes again): ", e));
                    markFailed(s, st);
                }
            }
        }
    }

    private void retire(Scan s, ScopeState st) {
        try {
            store.retire(s.name(), st.id);
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            fail("monitor " + s.name() + ": the snapshot of scope " + st.id + ", which it no longer watches, could not be retired: ", e);
        }
    }

    private static void markFailed(Scan s, ScopeState st) {
        s.status = MonitorStatus.FAILED;
        String previous = s.error == null ? "" : s.error + "; ";
        s.error = previous + "scope " + st.id + ": " + st.error;
    }

    /** One history record per scope saved in this run, then the history beyond its retention is dropped. */
    private void recordHistory(List<Scan> scans) {
        List<HistoryRecord> records = new ArrayList<>();
        for (Scan s : scans) {
            for (ScopeState st : s.scopes.values()) {
                if (st.status == ScopeStatus.OK && st.now != null) {
                    Snapshot now = st.now;
                    int weak = (int) now.accounts().stream().filter(a -> a.weak() && a.state() == dev.mfawatch.model.MfaState.ENABLED).count();
                    records.add(new HistoryRecord(now.takenAt(), s.name(), st.id, now.accounts().size(),
                            withoutMfa(now) - st.exempt, weak, st.exempt, st.changes));
                }
            }
        }
        try {
            if (!records.isEmpty()) {
                store.appendHistory(records);
            }
            store.pruneHistory(clock.instant().minus(historyKeep));
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            fail("the run's history could not be written (the snapshots and deliveries are safe): ", e);
        }
    }

    private static int withoutMfa(Snapshot s) {
        return (int) s.accounts().stream().filter(a -> a.withoutMfa()).count();
    }

    /** A count of the store's deliveries, or -1 with a failure when they cannot be read: never a false 0. */
    private int count(String what, java.util.function.Supplier<List<PendingDelivery>> read) {
        try {
            return read.get().size();
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            fail("the store's " + what + " cannot be read, so they are not counted: ", e);
            return -1;
        }
    }

    private MonitorOutcome outcome(Scan s) {
        List<ScopeOutcome> scopes = new ArrayList<>();
        Map<dev.mfawatch.model.MfaState, Integer> byState = byState(null);
        int accounts = 0;
        int without = 0;
        int exempt = 0;
        for (ScopeState st : s.scopes.values()) {
            Snapshot shown = st.now != null ? st.now : st.previous;
            int a = shown == null ? 0 : shown.accounts().size();
            int w = shown == null ? 0 : withoutMfa(shown) - st.exempt;
            Map<dev.mfawatch.model.MfaState, Integer> states = byState(shown);
            scopes.add(new ScopeOutcome(st.id, st.status, st.previous == null, a, w, st.exempt, st.changes.size(),
                    st.status == ScopeStatus.FAILED || st.status == ScopeStatus.TIMEOUT ? st.error : null, states));
            if (st.status != ScopeStatus.GONE) {
                accounts += a;
                without += w;
                exempt += st.exempt;
                states.forEach((state, n) -> byState.merge(state, n, Integer::sum));
            }
        }
        return new MonitorOutcome(s.name(), s.instance.type(), s.status, s.previous.isEmpty(), accounts, without,
                s.changes().size(), s.took, s.status == MonitorStatus.OK ? null : s.error, s.warnings, s.rule, byState, exempt,
                scopes);
    }

    private List<Exemption> exemptionsOf(String monitor) {
        return exemptions.stream().filter(e -> e.monitor().equals(monitor)).toList();
    }

    private void warnUnmatchedExemptions(List<Scan> scans) {
        Map<String, Scan> byName = new LinkedHashMap<>();
        scans.forEach(s -> byName.put(s.name(), s));
        for (Exemption e : exemptions) {
            Scan s = byName.get(e.monitor());
            String problem = null;
            if (s == null) {
                problem = "names monitor '" + e.monitor() + "', which is not configured";
            } else if (s.status == MonitorStatus.OK && s.scopes.values().stream().filter(st -> st.now != null)
                    .flatMap(st -> st.now.accounts().stream()).noneMatch(a -> e.names(e.monitor(), a))) {
                problem = "matches no account of monitor '" + e.monitor() + "' (by id or name)";
            }
            if (problem != null) {
                String text = redact.apply("the exemption of '" + e.account() + "' " + problem + "; check mfawatch.exemptions.file");
                warnings.add(text);
                LOG.warn(text);
            }
        }
    }

    private static Map<dev.mfawatch.model.MfaState, Integer> byState(@Nullable Snapshot s) {
        Map<dev.mfawatch.model.MfaState, Integer> counts = new java.util.EnumMap<>(dev.mfawatch.model.MfaState.class);
        for (dev.mfawatch.model.MfaState state : dev.mfawatch.model.MfaState.values()) {
            counts.put(state, 0);
        }
        if (s != null) {
            s.accounts().forEach(a -> counts.merge(a.state(), 1, Integer::sum));
        }
        return counts;
    }

    private String fail(String message, @Nullable Throwable cause) {
        String text = redact.apply(cause == null ? message : message + Failures.describe(cause));
        failures.add(text);
        LOG.warn(text);
        return text;
    }


}
