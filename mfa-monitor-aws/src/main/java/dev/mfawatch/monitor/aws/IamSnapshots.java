package dev.mfawatch.monitor.aws;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns IAM identities into a snapshot; shared by every IAM read method so they agree. */
final class IamSnapshots {

    private IamSnapshots() {
    }

    static List<Account> accounts(List<IamUser> users, IamUser.RootMfa rootMfa) {
        List<Account> accounts = new ArrayList<>(users.size());
        for (IamUser u : users) {
            accounts.add(u.toAccount(rootMfa));
        }
        return accounts;
    }

    static Snapshot snapshot(String monitor, Instant takenAt, List<IamUser> users, IamUser.RootMfa rootMfa, String cursor) {
        return new Snapshot(monitor, takenAt, accounts(users, rootMfa), List.of(), cursor);
    }
}
