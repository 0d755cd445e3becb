package dev.mfawatch.store.file;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.PendingDelivery;
import dev.mfawatch.spi.contract.Fixtures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link CrashSafetyTest}: saves two different snapshots and rewrites the
 * pending deliveries in turn, forever, until it is killed.
 */
public final class SaveLoop {

    static final int ACCOUNTS = 3000;
    static final Instant A_TIME = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant B_TIME = Instant.parse("2026-01-02T00:00:00Z");

    private SaveLoop() {
    }

    static Snapshot version(boolean a) {
        List<Account> accounts = new ArrayList<>(ACCOUNTS);
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.add(Account.of(String.format("arn:aws:iam::123456789012:user/u%05d", i), "user " + i,
                    a ? MfaState.ENABLED : MfaState.DISABLED));
        }
        return Snapshot.of("crash", a ? A_TIME : B_TIME, accounts);
    }

    public static void main(String[] args) {
        Snapshot a = version(true);
        Snapshot b = version(false);
        List<PendingDelivery> pending = Fixtures.mixedChanges("crash").stream()
                .map(c -> new PendingDelivery("slack", c, A_TIME, 1)).toList();
        FileSnapshotStore store = Writers.open(Path.of(args[0]));
        store.save(a);
        System.out.println("saving");
        System.out.flush();
        for (long i = 0; ; i++) {
            store.save(i % 2 == 0 ? b : a);
            if (i % 3 == 0) {
                store.park(pending);
            } else {
                store.acknowledge(pending.stream().map(PendingDelivery::key).toList());
            }
        }
    }
}
