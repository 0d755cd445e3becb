package dev.mfawatch.monitor.aws;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.ScanContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cloudtrail.model.Event;

/**
 * Makes the credential report fresh. IAM may serve a report up to four hours old, so on its own it
 * shows a change hours late. Each scan therefore:
 * <ol>
 * <li>keeps, for every account, whichever is fresher: the report's row or what an earlier scan read
 *     per user after the report was generated (so an old report never flips a state back);</li>
 * <li>reads the IAM management events since the report was generated (less an overlap, as CloudTrail
 *     shows events minutes late) and re-reads exactly the users they name.</li>
 * </ol>
 * Deleted users are remembered in the cursor until a report generated after the deletion no longer
 * lists them. When CloudTrail is refused or broken, the scan goes on with the report and a warning.
 */
final class IamRefresher {

    /** The IAM events that change who can sign in without MFA. */
    static final List<String> EVENT_NAMES = List.of("CreateUser", "DeleteUser", "CreateLoginProfile",
            "DeleteLoginProfile", "EnableMFADevice", "DeactivateMFADevice");
    /** IAM is global; CloudTrail records its events in us-east-1. */
    static final String IAM_EVENT_REGION = "us-east-1";

    /** The users after refreshing, the cursor to keep, and what could not be done. */
    record Result(List<IamUser> users, String cursor, List<String> warnings) {
    }

    private final boolean enabled;
    private final Duration overlap;
    private final CloudTrailReader reader;
    private final CloudTrailEvents events = new CloudTrailEvents();

    IamRefresher(boolean enabled, Duration overlap, CloudTrailReader reader) {
        this.enabled = enabled;
        this.overlap = overlap;
        this.reader = reader;
    }

    Result refresh(AwsClients clients, List<IamUser> report, Instant generatedAt, @Nullable Snapshot previous,
                   ScanContext context) {
        Map<String, IamUser> byArn = new LinkedHashMap<>();
        report.forEach(u -> byArn.put(u.arn(), u));
        Map<String, Instant> gone = new LinkedHashMap<>();
        if (previous != null) {
            gone.putAll(events.readTimes(previous.cursor(), "gone"));
            keepFresher(byArn, previous, generatedAt);
        }
        gone.values().removeIf(at -> !at.isAfter(generatedAt));
        gone.keySet().forEach(byArn::remove);
        List<String> warnings = new ArrayList<>();
        if (enabled) {
            try {
                reread(clients, byArn, gone, generatedAt, context.clock().instant());
            } catch (MonitorException e) {
                warnings.add("the CloudTrail refresh failed, so this scan relies on the credential report generated at "
                        + generatedAt + " and a change since then can show up to 4 hours late: " + e.getMessage());
            }
        }
        return new Result(new ArrayList<>(byArn.values()), events.writeTimes("gone", gone), warnings);
    }

    private static void keepFresher(Map<String, IamUser> byArn, Snapshot previous, Instant generatedAt) {
        for (Account a : previous.accounts()) {
            Instant seen = IamUser.observedAt(a);
            if (seen.isAfter(generatedAt)) {
                byArn.put(a.id().value(), fromAccount(a, seen));
            }
        }
    }

    private void reread(AwsClients clients, Map<String, IamUser> byArn, Map<String, Instant> gone, Instant generatedAt,
                        Instant now) {
        Instant start = generatedAt.minus(overlap);
        if (start.isBefore(now.minus(CloudTrailReader.HISTORY))) {
            start = now.minus(CloudTrailReader.HISTORY);
        }
        Set<String> names = new HashSet<>();
        boolean root = false;
        for (String name : EVENT_NAMES) {
            for (Event e : reader.lookup(clients.cloudTrail(IAM_EVENT_REGION), clients.paceKey(IAM_EVENT_REGION), name, start, now)) {
                CloudTrailEvents.Target t = events.target(e.cloudTrailEvent());
                root |= t.root();
                if (t.userName() != null) {
                    names.add(t.userName());
                }
            }
        }
        for (String name : names) {
            for (IamUser old : List.copyOf(byArn.values())) {
                if (!old.root() && old.userName().equals(name)) {
                    byArn.remove(old.arn());
                    gone.put(old.arn(), now);
                }
            }
            IamUser fresh = PerUserReader.readOne(clients.iam(), name, now);
            if (fresh != null) {
                gone.remove(fresh.arn());
                byArn.put(fresh.arn(), fresh);
            }
        }
        if (root) {
            String any = byArn.keySet().stream().findFirst().orElse(null);
            IamUser fresh = PerUserReader.root(clients.iam(), clients.sts(), any, now);
            byArn.put(fresh.arn(), fresh);
        }
    }

    /** Rebuilds what an account made by {@link IamUser#toAccount} says. */
    private static IamUser fromAccount(Account a, Instant observedAt) {
        boolean password = a.critical() || a.state() != MfaState.NOT_APPLICABLE;
        String created = a.details().get("created");
        return new IamUser(a.id().value(), a.name(), a.critical(), password, a.state() == MfaState.ENABLED,
                a.details().get("passwordLastUsed"), created == null ? null : Instant.parse(created), observedAt);
    }

    @Override
    public String toString() {
        return enabled ? "cloudtrail" : "none";
    }
}
