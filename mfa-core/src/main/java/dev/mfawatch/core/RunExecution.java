package dev.mfawatch.core;

import dev.mfawatch.core.Instances.MonitorInstance;
import dev.mfawatch.core.Instances.NotifierInstance;
import dev.mfawatch.core.MonitorRun.ScopeState;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.Exemption;
import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.Severity;
import dev.mfawatch.model.SignInEvent;
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
import java.util.EnumMap;
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
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run, as a pipeline of steps over immutable {@link MonitorRun}s: load → scan → compare (exemptions,
 * reminders, diff) → deliver ({@link DeliveryQueue}) → save → history → report. Each step is a
 * function of the values it is given; failures and warnings go to the run's {@link Journal}.
 *
 * <p>The order is what makes delivery at-least-once: a snapshot is saved only after every change it
 * produced reached every notifier or was parked in the store. A crash anywhere before the save makes
 * the next run find the same changes again, with the same ids, never lose them.
 */
final class RunExecution {

    private static final Logger LOG = LoggerFactory.getLogger("dev.mfawatch.run");

    /** What a run is configured with. */
    record Plan(List<MonitorInstance> monitors, List<NotifierInstance> notifiers, SnapshotStore store, BaselinePolicy baseline,
                Clock clock, UnaryOperator<String> redact, List<Exemption> exemptions, Duration reminderEvery,
                Duration historyKeep, int maxAttempts, Duration maxAge) {
        Plan {
            monitors = List.copyOf(monitors);
            notifiers = List.copyOf(notifiers);
            exemptions = List.copyOf(exemptions);
        }

        List<Exemption> exemptionsOf(String monitor) {
            return exemptions.stream().filter(e -> e.monitor().equals(monitor)).toList();
        }
    }

    private final Plan plan;
    private final Journal journal;

    RunExecution(Plan plan) {
        this.plan = plan;
        this.journal = new Journal(plan.redact());
    }

    /**
     * Runs once.
     *
     * @return the report
     */
    RunReport run() {
        Instant started = plan.clock().instant();
        List<MonitorRun> runs = plan.monitors().stream().map(m -> MonitorRun.start(m, ruleOf(m))).toList();
        SnapshotStore.WriterLease lease;
        try {
            lease = plan.store().lease();
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            String why = journal.fail("the run did not start: ", e);
            return report(started, runs.stream().map(r -> r.failed(MonitorStatus.FAILED, why)).toList(), List.of(), List.of());
        }
        try (lease) {
            List<MonitorRun> loaded = runs.stream().map(r -> load(r, plan.store(), journal)).toList();
            List<MonitorRun> compared = scan(loaded).stream().map(s -> compare(s.run(), s.result(), plan, journal)).toList();
            warnUnmatchedExemptions(compared);
            List<Change> changes = compared.stream().flatMap(r -> r.changes().stream()).toList();
            DeliveryQueue.Result delivered = new DeliveryQueue(plan.store(), plan.notifiers(), plan.clock(), journal,
                    plan.maxAttempts(), plan.maxAge()).deliver(changes);
            List<MonitorRun> saved = compared.stream().map(r -> save(r, delivered.unsafeScopes(), plan.store(), journal)).toList();
            recordHistory(saved, plan, journal);
            return report(started, saved, changes, delivered.outcomes());
        }
    }

    static FindingRule ruleOf(MonitorInstance m) {
        FindingRule r;
        try {
            r = m.monitor().rule();
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            r = null;
        }
        return r != null && r != FindingRule.GENERIC ? r : FindingRule.generic(m.type());
    }

    // ----- load -------------------------------------------------------------------------------------

    /** Step 1: the stored snapshot of every scope of the monitor, or a failed monitor that is not scanned. */
    static MonitorRun load(MonitorRun run, SnapshotStore store, Journal journal) {
        try {
            Map<String, Snapshot> stored = new TreeMap<>();
            for (String scope : store.scopes(run.name())) {
                store.load(run.name(), scope).ifPresent(snap -> stored.put(scope, snap));
            }
            return run.withPrevious(stored);
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            return run.failed(MonitorStatus.FAILED, journal.fail("monitor " + run.name()
                    + ": its stored snapshots cannot be read, so it was not scanned: ", e));
        }
    }

    // ----- scan -------------------------------------------------------------------------------------

    /** A monitor after its scan: the result, or a failed monitor. */
    record Scanned(MonitorRun run, @Nullable ScanResult result) {
    }

    /** Step 2: every monitor scanned at once, each on its own thread under its time limit. */
    private List<Scanned> scan(List<MonitorRun> runs) {
        // One thread per monitor: a monitor that hangs past its limit holds only its own thread.
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mfa-watch-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            Instant start = plan.clock().instant();
            long startNanos = System.nanoTime();
            List<@Nullable Future<ScanResult>> futures = new ArrayList<>();
            for (MonitorRun r : runs) {
                if (r.status() != MonitorStatus.OK) {
                    futures.add(null);
                    continue;
                }
                ScanContext ctx = ScanContext.ofScopes(r.name(), r.previous(), plan.clock(), Sleeper.system(),
                        start.plus(r.instance().timeout()));
                futures.add(pool.submit(() -> r.instance().monitor().scan(ctx)));
            }
            List<Scanned> out = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                Future<ScanResult> f = futures.get(i);
                out.add(f == null ? new Scanned(runs.get(i), null) : await(runs.get(i), f, startNanos));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private Scanned await(MonitorRun r, Future<ScanResult> future, long startNanos) {
        long left = r.instance().timeout().toNanos() - (System.nanoTime() - startNanos);
        try {
            ScanResult result = future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
            if (result == null) {
                return failed(r.withScan(took, List.of()), MonitorStatus.FAILED, "monitor " + r.name()
                        + " returned no result (a bug in the monitor)", null);
            }
            List<String> warnings = result.warnings().stream().map(w -> journal.redact("monitor " + r.name() + ": " + w)).toList();
            warnings.forEach(LOG::warn);
            return new Scanned(r.withScan(took, warnings), result);
        } catch (TimeoutException e) {
            future.cancel(true);
            return failed(r.withScan(r.instance().timeout(), List.of()), MonitorStatus.TIMEOUT, "monitor " + r.name()
                    + " did not finish within its time limit of " + SettingValues.format(r.instance().timeout())
                    + " (mfawatch.monitor." + r.name() + ".timeout); its old snapshot is kept", null);
        } catch (ExecutionException e) {
            return failed(r.withScan(Duration.ofNanos(System.nanoTime() - startNanos), List.of()), MonitorStatus.FAILED,
                    "monitor " + r.name() + " failed: ", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return failed(r, MonitorStatus.FAILED, "monitor " + r.name() + ": the run was interrupted", null);
        }
    }

    private Scanned failed(MonitorRun r, MonitorStatus why, String message, @Nullable Throwable cause) {
        return new Scanned(r.failed(why, journal.fail(message, cause)), null);
    }

    // ----- compare ----------------------------------------------------------------------------------

    /**
     * Step 3: each scope of the scan compared with its stored snapshot, with exemptions and reminders
     * applied; a scope that failed keeps its snapshot, one that is missing has gone.
     */
    static MonitorRun compare(MonitorRun run, @Nullable ScanResult result, Plan plan, Journal journal) {
        if (result == null) {
            return run;
        }
        for (ScopeResult r : result.scopes()) {
            if (r.snapshot() != null && !r.snapshot().monitor().equals(run.name())) {
                return run.failed(MonitorStatus.FAILED, journal.fail("monitor " + run.name() + " returned a snapshot named '"
                        + r.snapshot().monitor() + "' (a bug in the monitor: use ScanContext.monitorName())", null));
            }
        }
        Map<String, ScopeState> scopes = new TreeMap<>();
        List<String> failed = new ArrayList<>();
        for (ScopeResult r : result.scopes()) {
            ScopeState st = new ScopeState(r.scope(), run.previous().get(r.scope()), null, List.of(), ScopeStatus.OK, null, 0);
            if (r.error() != null) {
                st = st.failed(ScopeStatus.FAILED, journal.fail("monitor " + run.name() + ", scope " + r.scope()
                        + " failed (its old snapshot is kept): " + r.error(), null));
            } else {
                st = compareScope(run, st, Objects.requireNonNull(r.snapshot()), r.events(), plan, journal);
            }
            if (st.status() != ScopeStatus.OK) {
                failed.add(r.scope());
            }
            scopes.put(r.scope(), st);
        }
        run.previous().forEach((id, gone) -> {
            if (!scopes.containsKey(id)) {
                scopes.put(id, ScopeState.gone(id, gone));
                journal.warn("monitor " + run.name() + " no longer watches scope " + id + " (last scanned " + gone.takenAt()
                        + "); its snapshot is retired and no account is reported removed");
            }
        });
        return failed.isEmpty() ? run.withScopes(scopes, MonitorStatus.OK, null)
                : run.withScopes(scopes, MonitorStatus.FAILED, failed.size() + " of " + result.scopes().size()
                        + " scope(s) failed: " + String.join(", ", failed));
    }

    private static ScopeState compareScope(MonitorRun run, ScopeState st, Snapshot scanned, List<SignInEvent> events, Plan plan,
                                           Journal journal) {
        Snapshot snapshot = st.previous() == null ? scanned : scanned.carryForwardSettings(st.previous());
        List<Exemption> exemptions = plan.exemptionsOf(run.name());
        try {
            String held = st.previous() == null ? null : holdMassRemoval(run, st.id(), st.previous(), snapshot, plan, journal);
            if (held != null) {
                return st.failed(ScopeStatus.FAILED, held);
            }
            List<Change> found = ChangeDetector.detect(st.previous(), snapshot, events, plan.baseline());
            List<Change> changes = Reminders.apply(found, st.previous(), snapshot, exemptions, plan.reminderEvery()).stream()
                    .map(c -> c.severity().isAtLeast(Severity.MEDIUM) ? c.withRule(run.rule()) : c).toList();
            return new ScopeState(st.id(), st.previous(), snapshot, changes, ScopeStatus.OK, null, Reminders.exempt(snapshot, exemptions));
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            return st.failed(ScopeStatus.FAILED, journal.fail("monitor " + run.name() + ", scope " + st.id()
                    + ": its result could not be compared: ", e));
        }
    }

    /**
     * The max-removed guard. A scan that would remove more than the monitor's share of a scope's accounts
     * is more often a truncated answer (a page lost, a filter changed, an export cut short) than a purge:
     * it is held, with the old snapshot kept, and its mark stored. The next scan that would remove the
     * very same accounts from the same stored snapshot confirms it and goes through.
     *
     * @return the message of a held scan, or {@code null} to go on
     */
    private static @Nullable String holdMassRemoval(MonitorRun run, String scope, Snapshot previous, Snapshot now, Plan plan,
                                                    Journal journal) {
        int max = run.instance().maxRemovedPercent();
        int before = previous.accounts().size();
        java.util.Set<String> present = new java.util.HashSet<>();
        now.accounts().forEach(a -> present.add(a.id().value()));
        List<String> removed = previous.accounts().stream().map(a -> a.id().value()).filter(id -> !present.contains(id)).sorted().toList();
        boolean mass = max > 0 && !removed.isEmpty() && removed.size() * 100L > (long) max * before;
        java.util.Optional<String> stored = plan.store().heldRemoval(run.name(), scope);
        if (!mass) {
            if (stored.isPresent()) {
                plan.store().holdRemoval(run.name(), scope, null); // the removal did not come back: forget it
            }
            return null;
        }
        String mark = mark(previous.takenAt() + "\n" + String.join("\n", removed));
        String what = "monitor " + run.name() + ", scope " + scope + ": the scan removes " + removed.size() + " of " + before
                + " accounts (" + (removed.size() * 100 / before) + "%)";
        if (stored.isPresent() && stored.get().equals(mark)) {
            plan.store().holdRemoval(run.name(), scope, null);
            journal.warn(what + ", as the scan before it did: confirmed, so they are reported removed");
            return null;
        }
        plan.store().holdRemoval(run.name(), scope, mark);
        return journal.fail(what + ", more than max-removed=" + max + "%; it is held and the old snapshot kept. If they are "
                + "really gone, the next scan confirms it (mfawatch.monitor." + run.name() + ".max-removed=0% turns the guard off)",
                null);
    }

    private static String mark(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private void warnUnmatchedExemptions(List<MonitorRun> runs) {
        Map<String, MonitorRun> byName = new TreeMap<>();
        runs.forEach(r -> byName.put(r.name(), r));
        for (Exemption e : plan.exemptions()) {
            MonitorRun r = byName.get(e.monitor());
            String problem = null;
            if (r == null) {
                problem = "names monitor '" + e.monitor() + "', which is not configured";
            } else if (r.status() == MonitorStatus.OK && r.scopes().values().stream().filter(st -> st.now() != null)
                    .flatMap(st -> st.now().accounts().stream()).noneMatch(a -> e.names(e.monitor(), a))) {
                problem = "matches no account of monitor '" + e.monitor() + "' (" + (e.byName() ? "by name" : "by id: to match a "
                        + "display name, write name:" + e.account()) + ")";
            } else if (e.byName()) {
                // Said every run: the entry holds, but a rename can hand it to another account.
                List<String> ids = r.scopes().values().stream().filter(st -> st.now() != null).flatMap(st -> st.now().accounts().stream())
                        .filter(a -> e.names(e.monitor(), a)).map(a -> a.id().value()).distinct().toList();
                journal.warn("the exemption of '" + e.account() + "' matches a display name, which another account can take after a "
                        + "rename" + (ids.isEmpty() ? "" : ": prefer the account's id (" + String.join(", ", ids) + ")"));
            }
            if (problem != null) {
                journal.warn("the exemption of '" + e.account() + "' " + problem + "; check mfawatch.exemptions.file");
            }
        }
    }

    // ----- save -------------------------------------------------------------------------------------

    /**
     * Step 5: each scope's new snapshot saved, unless its changes could be neither delivered nor
     * parked (then the old one stays and the next run finds them again); a gone scope is retired.
     */
    static MonitorRun save(MonitorRun run, Set<String> unsafe, SnapshotStore store, Journal journal) {
        Map<String, ScopeState> scopes = new TreeMap<>(run.scopes());
        MonitorStatus status = run.status();
        String error = run.error();
        for (ScopeState st : run.scopes().values()) {
            String problem = null;
            if (st.status() == ScopeStatus.GONE) {
                try {
                    store.retire(run.name(), st.id());
                } catch (Throwable e) {
                    Failures.rethrowIfFatal(e);
                    journal.fail("monitor " + run.name() + ": the snapshot of scope " + st.id()
                            + ", which it no longer watches, could not be retired: ", e);
                }
            } else if (st.now() != null && unsafe.contains(DeliveryQueue.scopeKey(run.name(), st.id()))) {
                problem = "its changes could be neither delivered nor parked, so its snapshot was not saved";
            } else if (st.now() != null) {
                try {
                    store.save(st.now());
                } catch (Throwable e) {
                    Failures.rethrowIfFatal(e);
                    problem = journal.fail("monitor " + run.name() + ", scope " + st.id() + ": its new snapshot could not be saved "
                            + "(the old one is kept, so the next run reports these changes again): ", e);
                }
            }
            if (problem != null) {
                scopes.put(st.id(), st.failed(ScopeStatus.FAILED, problem));
                status = MonitorStatus.FAILED;
                error = (error == null ? "" : error + "; ") + "scope " + st.id() + ": " + problem;
            }
        }
        return run.withScopes(scopes, status, error);
    }

    // ----- history ----------------------------------------------------------------------------------

    /** Step 6: one history record per scope saved in this run; then the history beyond its retention is dropped. */
    static void recordHistory(List<MonitorRun> runs, Plan plan, Journal journal) {
        List<HistoryRecord> records = new ArrayList<>();
        for (MonitorRun r : runs) {
            for (ScopeState st : r.scopes().values()) {
                if (st.status() == ScopeStatus.OK && st.now() != null) {
                    Snapshot now = st.now();
                    int weak = (int) now.accounts().stream().filter(a -> a.weak() && a.state() == MfaState.ENABLED).count();
                    records.add(new HistoryRecord(now.takenAt(), r.name(), st.id(), now.accounts().size(),
                            withoutMfa(now) - st.exempt(), weak, st.exempt(), st.changes()));
                }
            }
        }
        try {
            if (!records.isEmpty()) {
                plan.store().appendHistory(records);
            }
            plan.store().pruneHistory(plan.clock().instant().minus(plan.historyKeep()));
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            journal.fail("the run's history could not be written (the snapshots and deliveries are safe): ", e);
        }
    }

    // ----- report -----------------------------------------------------------------------------------

    private RunReport report(Instant started, List<MonitorRun> runs, List<Change> changes, List<DeliveryOutcome> deliveries) {
        int pendingAfter = count("pending deliveries", plan.store()::pending);
        int dead = count("dead letters", plan.store()::deadLetters);
        if (dead > 0) {
            // Every run says so until someone acts: an alert nobody received is not a detail.
            journal.fail(dead + " delivery(ies) are dead letters and reached no one: mfa-watch deliveries list, then retry or drop", null);
        }
        List<MonitorOutcome> outcomes = runs.stream().map(r -> outcome(r, plan.exemptionsOf(r.name()))).toList();
        RunReport report = new RunReport(started, plan.clock().instant(), outcomes, changes, deliveries, pendingAfter, dead,
                journal.failures(), journal.warnings());
        LOG.info("run finished: {} monitor(s), {} failed, {} change(s), {} pending deliver(ies)", outcomes.size(),
                outcomes.stream().filter(o -> o.status() != MonitorStatus.OK).count(), changes.size(), pendingAfter);
        return report;
    }

    /** A count of the store's deliveries, or -1 with a failure when they cannot be read: never a false 0. */
    private int count(String what, Supplier<List<PendingDelivery>> read) {
        try {
            return read.get().size();
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            journal.fail("the store's " + what + " cannot be read, so they are not counted: ", e);
            return -1;
        }
    }

    /** Step 7: what the report says of one monitor, counted over its scopes that have not gone. */
    static MonitorOutcome outcome(MonitorRun r, List<Exemption> exemptions) {
        List<ScopeOutcome> scopes = new ArrayList<>();
        Map<MfaState, Integer> byState = byState(null);
        int accounts = 0;
        int without = 0;
        int exempt = 0;
        for (ScopeState st : r.scopes().values()) {
            Snapshot shown = st.now() != null ? st.now() : st.previous();
            List<String> names = shown == null ? List.of() : shown.accounts().stream()
                    .filter(a -> a.withoutMfa() && exemptions.stream().noneMatch(e -> e.covers(r.name(), a, shown.takenAt())))
                    .map(Account::name).toList();
            int a = shown == null ? 0 : shown.accounts().size();
            Map<MfaState, Integer> states = byState(shown);
            scopes.add(new ScopeOutcome(st.id(), st.status(), st.previous() == null, a, names.size(), st.exempt(), st.changes().size(),
                    st.status() == ScopeStatus.FAILED || st.status() == ScopeStatus.TIMEOUT ? st.error() : null, states, names));
            if (st.status() != ScopeStatus.GONE) {
                accounts += a;
                without += names.size();
                exempt += st.exempt();
                states.forEach((state, n) -> byState.merge(state, n, Integer::sum));
            }
        }
        return new MonitorOutcome(r.name(), r.instance().type(), r.status(), r.previous().isEmpty(), accounts, without,
                r.changes().size(), r.took(), r.status() == MonitorStatus.OK ? null : r.error(), r.warnings(), r.rule(), byState,
                exempt, scopes);
    }

    private static int withoutMfa(Snapshot s) {
        return (int) s.accounts().stream().filter(Account::withoutMfa).count();
    }

    private static Map<MfaState, Integer> byState(@Nullable Snapshot s) {
        Map<MfaState, Integer> counts = new EnumMap<>(MfaState.class);
        for (MfaState state : MfaState.values()) {
            counts.put(state, 0);
        }
        if (s != null) {
            s.accounts().forEach(a -> counts.merge(a.state(), 1, Integer::sum));
        }
        return counts;
    }
}
