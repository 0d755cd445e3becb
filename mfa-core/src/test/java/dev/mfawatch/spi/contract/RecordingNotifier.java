package dev.mfawatch.spi.contract;

import dev.mfawatch.model.Change;
import dev.mfawatch.model.NotifierException;
import dev.mfawatch.spi.Notifier;
import java.util.ArrayList;
import java.util.List;

/**
 * A notifier that records every batch, and fails on demand: wholly, or after the first {@code n}
 * changes of a batch arrived.
 */
public final class RecordingNotifier implements Notifier {

    private final List<List<Change>> batches = new ArrayList<>();
    private int failures;
    private int arriveBeforeFailing = -1;

    /**
     * The next {@code count} deliveries fail with nothing arriving.
     *
     * @param count how many
     * @return this notifier
     */
    public RecordingNotifier failNext(int count) {
        this.failures = count;
        this.arriveBeforeFailing = -1;
        return this;
    }

    /**
     * The next delivery lets {@code n} changes arrive, then fails naming the rest as undelivered.
     *
     * @param n how many arrive
     * @return this notifier
     */
    public RecordingNotifier failAfter(int n) {
        this.failures = 1;
        this.arriveBeforeFailing = n;
        return this;
    }

    @Override
    public synchronized void deliver(List<Change> changes) {
        if (failures > 0) {
            failures--;
            if (arriveBeforeFailing >= 0) {
                int n = Math.min(arriveBeforeFailing, changes.size());
                batches.add(List.copyOf(changes.subList(0, n)));
                throw new NotifierException("receiver went away after " + n + " changes",
                        changes.subList(n, changes.size()), null);
            }
            throw new NotifierException("receiver is down", null);
        }
        batches.add(List.copyOf(changes));
    }

    /** @return every batch that arrived, in order */
    public synchronized List<List<Change>> batches() {
        return List.copyOf(batches);
    }

    /** @return every change that arrived, in order */
    public synchronized List<Change> received() {
        return batches.stream().flatMap(List::stream).toList();
    }
}
