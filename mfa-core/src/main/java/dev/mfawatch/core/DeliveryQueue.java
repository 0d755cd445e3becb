package dev.mfawatch.core;

import dev.mfawatch.core.Instances.NotifierInstance;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.NotifierException;
import dev.mfawatch.spi.PendingDelivery;
import dev.mfawatch.spi.SettingValues;
import dev.mfawatch.spi.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * One run's deliveries: hands every notifier its pending changes and the new ones, each call under the
 * notifier's deadline, parks what did not arrive, and gives up on a delivery parked too often or too
 * long by moving it to the dead letters. Whatever a notifier throws, an {@code Error} included, or
 * however long it hangs, is that notifier's failure alone: the others, the save and the next run go on.
 *
 * <p>A change that could be neither delivered nor parked makes its scope unsafe: the run then keeps the
 * scope's old snapshot, so the next run finds the change again, with the same id.
 */
final class DeliveryQueue {

    /** What the deliveries of a run came to; failures and warnings went to the run's journal. */
    record Result(List<DeliveryOutcome> outcomes, Set<String> unsafeScopes) {
        Result {
            outcomes = List.copyOf(outcomes);
            unsafeScopes = Set.copyOf(unsafeScopes);
        }
    }

    private final SnapshotStore store;
    private final List<NotifierInstance> notifiers;
    private final Clock clock;
    private final Journal journal;
    private final int maxAttempts;
    private final Duration maxAge;
    private final Set<String> unsafe = new HashSet<>();

    DeliveryQueue(SnapshotStore store, List<NotifierInstance> notifiers, Clock clock, Journal journal, int maxAttempts,
                  Duration maxAge) {
        this.store = store;
        this.notifiers = List.copyOf(notifiers);
        this.clock = clock;
        this.journal = journal;
        this.maxAttempts = maxAttempts;
        this.maxAge = maxAge;
    }

    /** The key under which a scope is unsafe to save. */
    static String scopeKey(String monitor, String scope) {
        return monitor + "\n" + scope;
    }

    /**
     * Delivers the pending changes and then {@code changes} to every notifier.
     *
     * @param changes the changes the run found, in order
     * @return the outcome of each notifier that had something to deliver, and what went wrong
     */
    Result deliver(List<Change> changes) {
        List<PendingDelivery> pending = null;
        try {
            pending = store.pending();
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            fail("the store's pending deliveries cannot be read; earlier undelivered changes wait for a later run: ", e);
        }
        if (pending != null) {
            warnOrphans(pending);
        }
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mfa-watch-deliver");
            t.setDaemon(true);
            return t;
        });
        try {
            for (NotifierInstance n : notifiers) {
                List<PendingDelivery> mine = pending == null ? List.of()
                        : pending.stream().filter(p -> p.notifier().equals(n.name())).toList();
                if (!mine.isEmpty() || !changes.isEmpty()) {
                    outcomes.add(deliverTo(pool, n, mine, changes, pending == null));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        buryExpired();
        return new Result(outcomes, unsafe);
    }

    private DeliveryOutcome deliverTo(ExecutorService pool, NotifierInstance n, List<PendingDelivery> mine, List<Change> changes,
                                      boolean storeBroken) {
        List<Change> batch = new ArrayList<>(mine.size() + changes.size());
        mine.forEach(p -> batch.add(p.change().withDelayed(true)));
        batch.addAll(changes);
        Throwable failure = call(pool, n, List.copyOf(batch));
        if (failure == null) {
            acknowledge(mine.stream().map(PendingDelivery::key).toList());
            return new DeliveryOutcome(n.name(), n.type(), batch.size(), mine.size(), 0, null);
        }
        List<Change> undelivered = failure instanceof NotifierException ne && ne.undelivered().isPresent()
                ? ne.undelivered().get() : batch;
        Set<String> undeliveredIds = new HashSet<>();
        undelivered.forEach(c -> undeliveredIds.add(c.id()));
        String error = failure instanceof TimeoutException
                ? fail("notifier " + n.name() + " did not finish within its deadline of " + SettingValues.format(n.deadline())
                        + " (mfawatch.notifier." + n.name() + ".deadline) and was abandoned; " + undeliveredIds.size()
                        + " change(s) are kept for the next run", null)
                : fail("notifier " + n.name() + " failed; " + undeliveredIds.size() + " change(s) are kept for the next run: ", failure);
        Instant now = clock.instant();
        List<PendingDelivery> toPark = new ArrayList<>();
        List<String> arrived = new ArrayList<>();
        Set<String> pendingIds = new HashSet<>();
        for (PendingDelivery p : mine) {
            pendingIds.add(p.change().id());
            if (undeliveredIds.contains(p.change().id())) {
                toPark.add(new PendingDelivery(p.notifier(), p.change(), p.parkedAt(), p.attempts() + 1));
            } else {
                arrived.add(p.key());
            }
        }
        List<Change> newUndelivered = changes.stream()
                .filter(c -> undeliveredIds.contains(c.id()) && !pendingIds.contains(c.id())).toList();
        newUndelivered.forEach(c -> toPark.add(new PendingDelivery(n.name(), c, now, 1)));
        park(n, toPark, newUndelivered, storeBroken);
        acknowledge(arrived);
        int delivered = batch.size() - undeliveredIds.size();
        return new DeliveryOutcome(n.name(), n.type(), Math.max(0, delivered), arrived.size(), toPark.size(), error);
    }

    /** Calls the notifier on a worker under its deadline; returns what went wrong, or {@code null}. */
    private @Nullable Throwable call(ExecutorService pool, NotifierInstance n, List<Change> batch) {
        Future<?> call = pool.submit(() -> {
            n.notifier().deliver(batch);
            return null;
        });
        try {
            call.get(n.deadline().toNanos(), TimeUnit.NANOSECONDS);
            return null;
        } catch (TimeoutException e) {
            call.cancel(true);
            return e;
        } catch (ExecutionException e) {
            // Anything the notifier threw on its own thread, an Error such as an OutOfMemoryError included.
            return e.getCause() == null ? e : e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return e;
        }
    }

    private void park(NotifierInstance n, List<PendingDelivery> toPark, List<Change> newUndelivered, boolean storeBroken) {
        if (toPark.isEmpty()) {
            return;
        }
        try {
            if (storeBroken) {
                throw new dev.mfawatch.model.SnapshotStoreException("the store's pending deliveries could not be read", null);
            }
            store.park(toPark);
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            // Neither delivered nor parked: keep the old snapshots so the next run finds these changes again.
            newUndelivered.forEach(c -> unsafe.add(scopeKey(c.monitor(), c.scope())));
            fail("notifier " + n.name() + ": undelivered changes could not be parked either, so the snapshots that "
                    + "produced them are not saved and the next run reports them again: ", e);
        }
    }

    private void acknowledge(List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        try {
            store.acknowledge(keys);
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            fail("delivered changes could not be removed from the pending ones and may be delivered again: ", e);
        }
    }

    /** Gives up on deliveries parked {@code max-attempts} times or for {@code max-age}. */
    private void buryExpired() {
        try {
            Instant now = clock.instant();
            List<PendingDelivery> expired = store.pending().stream()
                    .filter(p -> p.attempts() >= maxAttempts || !p.parkedAt().plus(maxAge).isAfter(now)).toList();
            if (!expired.isEmpty()) {
                store.bury(expired.stream().map(PendingDelivery::key).toList());
                Map<String, Integer> byNotifier = new LinkedHashMap<>();
                expired.forEach(p -> byNotifier.merge(p.notifier(), 1, Integer::sum));
                byNotifier.forEach((name, count) -> fail(count + " delivery(ies) to notifier " + name + " failed "
                        + maxAttempts + " times or for " + SettingValues.format(maxAge) + " and became dead letters "
                        + "(mfawatch.delivery.max-attempts, mfawatch.delivery.max-age): see mfa-watch deliveries list", null));
            }
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            fail("expired deliveries could not be moved to the dead letters; they stay pending: ", e);
        }
    }

    private void warnOrphans(List<PendingDelivery> pending) {
        Map<String, Integer> orphans = new LinkedHashMap<>();
        Set<String> configured = new HashSet<>();
        notifiers.forEach(n -> configured.add(n.name()));
        pending.stream().filter(p -> !configured.contains(p.notifier()))
                .forEach(p -> orphans.merge(p.notifier(), 1, Integer::sum));
        orphans.forEach((name, count) -> journal.warn(count + " pending deliveries are for notifier '" + name
                + "', which is not configured; they are kept until it is, or until mfa-watch deliveries drop --include-pending"
                + " --notifier " + name));
    }

    private String fail(String message, @Nullable Throwable cause) {
        return journal.fail(message, cause);
    }
}
