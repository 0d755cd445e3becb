package dev.mfawatch.benchmarks;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Snapshot pairs shaped like a real organisation: most accounts unchanged, about 1% changed. */
final class Accounts {

    private Accounts() {
    }

    static Snapshot snapshot(int size, long seed, Instant at) {
        Random random = new Random(seed);
        List<Account> accounts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            MfaState state = random.nextInt(10) == 0 ? MfaState.DISABLED : random.nextInt(10) == 0 ? MfaState.NOT_APPLICABLE : MfaState.ENABLED;
            accounts.add(Account.of(String.format("github:%09d", i), "user-" + i, state));
        }
        return Snapshot.of("bench", at, accounts);
    }

    /** A copy with about one account in a hundred changed: MFA flipped, a few added and removed. */
    static Snapshot changed(Snapshot s, long seed) {
        Random random = new Random(seed);
        List<Account> accounts = new ArrayList<>(s.accounts().size());
        for (Account a : s.accounts()) {
            int roll = random.nextInt(1000);
            if (roll < 2) {
                continue;
            }
            if (roll < 10) {
                accounts.add(a.withState(a.state() == MfaState.DISABLED ? MfaState.ENABLED : MfaState.DISABLED));
            } else {
                accounts.add(a);
            }
        }
        for (int i = 0; i < s.accounts().size() / 500; i++) {
            accounts.add(Account.of(String.format("github:9%08d", i), "new-" + i, MfaState.DISABLED));
        }
        return Snapshot.of(s.monitor(), s.takenAt().plusSeconds(3600), accounts);
    }
}
