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
        return snapshot(monitor, Snapshot.DEFAULT_SCOPE, takenAt, users, rootMfa, cursor);
    }

    static Snapshot snapshot(String monitor, String scope, Instant takenAt, List<IamUser> users, IamUser.RootMfa rootMfa, String cursor) {
        return new Snapshot(monitor, scope, takenAt, accounts(users, rootMfa), List.of(), cursor);
    }

    /** The snapshot with its root account not applicable: no password, no access keys, managed by the organisation. */
    static Snapshot centrallyManagedRoot(Snapshot s, String rootArn) {
        List<Account> accounts = new ArrayList<>(s.accounts().size());
        for (Account a : s.accounts()) {
            if (a.id().value().equals(rootArn)) {
                java.util.Map<String, String> d = new java.util.TreeMap<>(a.details());
                d.put("rootCredentials", "none: managed centrally by the organisation");
                accounts.add(a.withState(dev.mfawatch.model.MfaState.NOT_APPLICABLE).withDetails(d));
            } else {
                accounts.add(a);
            }
        }
        return new Snapshot(s.monitor(), s.scope(), s.takenAt(), accounts, s.settings(), s.cursor());
    }
}
