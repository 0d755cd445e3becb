package dev.mfawatch.spi.contract;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.model.SignInEvent;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.WatchedSetting;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import dev.mfawatch.spi.ScopeResult;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A monitor that plays a script, one step per scan: a list of accounts, a failure, or a hang. The
 * last account step repeats once the script runs out. For tests of the run, the stores and hosts.
 */
public final class ScriptedMonitor implements Monitor {

    private sealed interface Step permits Accounts, Failure, Hang, Scopes {
    }

    private record Scopes(Map<String, List<Account>> seen, List<String> failed) implements Step {
    }

    private record Accounts(List<Account> accounts, List<WatchedSetting> settings, List<SignInEvent> events) implements Step {
    }

    private record Failure(String message) implements Step {
    }

    private record Hang() implements Step {
    }

    private final Deque<Step> script = new ArrayDeque<>();
    private Accounts last = new Accounts(List.of(), List.of(), List.of());
    private final AtomicInteger scans = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);

    /**
     * Next scan sees these accounts.
     *
     * @param accounts the accounts
     * @return this monitor
     */
    public ScriptedMonitor then(Account... accounts) {
        script.add(new Accounts(List.of(accounts), List.of(), List.of()));
        return this;
    }

    /**
     * Next scan sees these accounts, settings and events.
     *
     * @param accounts the accounts
     * @param settings the settings
     * @param events   the events
     * @return this monitor
     */
    public ScriptedMonitor then(List<Account> accounts, List<WatchedSetting> settings, List<SignInEvent> events) {
        script.add(new Accounts(accounts, settings, events));
        return this;
    }

    /**
     * Next scan sees several scopes: these accounts in each scope of {@code seen}, and a failure in each
     * scope of {@code failed}. Scopes stored earlier and named in neither have gone.
     *
     * @param seen   scope id to its accounts, in the order the scan reports them
     * @param failed scope ids that fail
     * @return this monitor
     */
    public ScriptedMonitor thenScopes(Map<String, List<Account>> seen, String... failed) {
        script.add(new Scopes(new java.util.LinkedHashMap<>(seen), List.of(failed)));
        return this;
    }

    /**
     * Next scan fails with a {@link MonitorException}.
     *
     * @param message its message
     * @return this monitor
     */
    public ScriptedMonitor thenFail(String message) {
        script.add(new Failure(message));
        return this;
    }

    /**
     * Next scan blocks until interrupted (or {@link #close()}).
     *
     * @return this monitor
     */
    public ScriptedMonitor thenHang() {
        script.add(new Hang());
        return this;
    }

    /** @return how many scans started */
    public int scans() {
        return scans.get();
    }

    @Override
    public synchronized ScanResult scan(ScanContext context) {
        scans.incrementAndGet();
        Step step = script.isEmpty() ? last : script.poll();
        if (step instanceof Failure f) {
            throw new MonitorException(f.message());
        }
        if (step instanceof Hang) {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new MonitorException("interrupted while hanging");
        }
        if (step instanceof Scopes sc) {
            List<ScopeResult> results = new java.util.ArrayList<>();
            sc.seen().forEach((scope, accounts) -> results.add(ScopeResult.seen(
                    Snapshot.of(context.monitorName(), scope, context.clock().instant(), accounts), List.of())));
            sc.failed().forEach(scope -> results.add(ScopeResult.failed(scope, "scripted failure of scope " + scope)));
            return ScanResult.ofScopes(results, List.of());
        }
        Accounts a = (Accounts) step;
        last = new Accounts(a.accounts(), a.settings(), List.of());
        Snapshot s = new Snapshot(context.monitorName(), context.clock().instant(), a.accounts(), a.settings(), "");
        return ScanResult.of(s, a.events());
    }

    @Override
    public void close() {
        released.countDown();
    }
}
