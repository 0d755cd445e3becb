package dev.mfawatch.monitor.aws;

import dev.mfawatch.model.AccountId;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.model.SignInEvent;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudtrail.model.Event;

/**
 * {@code aws-cloudtrail-signin}: successful console sign-ins without MFA, from CloudTrail's
 * {@code ConsoleLogin} events in each configured region.
 *
 * <p>Each read starts {@code overlap} before where the last one ended, because CloudTrail shows an
 * event minutes after it happened. The ids of events inside the overlap are kept in the cursor, so
 * an event read twice is reported once, and the memory stays bounded by what falls in one overlap.
 * A region that fails keeps its old position (its events are read next time) and adds a warning;
 * the other regions go on. Only IAM users and the root account are reported: for federated and SSO
 * sign-ins CloudTrail says {@code MFAUsed: No} because the identity provider did the MFA.
 */
final class CloudTrailSignInMonitor implements Monitor, AccountScan {

    static final List<String> DEFAULT_REGIONS = List.of("us-east-1", "us-east-2", "eu-north-1", "ap-southeast-2");

    private final AwsClients clients;
    private final List<String> regions;
    private final Duration lookback;
    private final Duration overlap;
    private final CloudTrailReader reader;
    private final CloudTrailEvents json = new CloudTrailEvents();

    private final @org.jspecify.annotations.Nullable AwsFleet fleet;

    CloudTrailSignInMonitor(AwsClients clients, List<String> regions, Duration lookback, Duration overlap,
                            CloudTrailReader reader) {
        this(clients, regions, lookback, overlap, reader, null);
    }

    CloudTrailSignInMonitor(AwsClients clients, List<String> regions, Duration lookback, Duration overlap,
                            CloudTrailReader reader, @org.jspecify.annotations.Nullable AwsFleet fleet) {
        this.fleet = fleet;
        this.clients = clients;
        this.regions = List.copyOf(regions);
        this.lookback = lookback;
        this.overlap = overlap;
        this.reader = reader;
    }

    @Override
    public ScanResult scan(ScanContext context) {
        if (fleet != null) {
            return fleet.scan(context, this);
        }
        clients.checkCredentials();
        Result r = scan(clients, Snapshot.DEFAULT_SCOPE, context.previous().orElse(null), context, () -> false);
        return new ScanResult(r.snapshot(), r.events(), r.warnings());
    }

    @Override
    public Result scan(AwsClients clients, String scope, @org.jspecify.annotations.Nullable Snapshot previous, ScanContext context,
                       java.util.function.BooleanSupplier rootManagedCentrally) {
        Instant now = context.clock().instant();
        Map<String, CloudTrailEvents.Window> before = previous == null ? Map.of() : json.readWindows(previous.cursor(), "regions");
        Map<String, CloudTrailEvents.Window> after = new TreeMap<>();
        List<SignInEvent> found = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String region : regions) {
            CloudTrailEvents.Window last = before.get(region);
            Instant start = last == null ? now.minus(lookback) : last.until().minus(overlap);
            if (start.isBefore(now.minus(CloudTrailReader.HISTORY))) {
                start = now.minus(CloudTrailReader.HISTORY);
            }
            try {
                List<Event> events = reader.lookup(clients.cloudTrail(region), clients.paceKey(region), "ConsoleLogin", start, now);
                Set<String> seen = new HashSet<>(last == null ? List.of() : last.seen());
                List<String> keep = new ArrayList<>();
                for (Event e : events) {
                    if (e.eventTime() != null && !e.eventTime().isBefore(now.minus(overlap))) {
                        keep.add(e.eventId());
                    }
                    if (seen.add(e.eventId())) {
                        toSignIn(e, region).ifPresent(found::add);
                    }
                }
                after.put(region, new CloudTrailEvents.Window(now, keep));
            } catch (MonitorException e) {
                failed.add(region + ": " + e.getMessage());
                if (last != null) {
                    after.put(region, last);
                }
            }
        }
        if (failed.size() == regions.size()) {
            throw new MonitorException("CloudTrail could not be read in any region: " + String.join("; ", failed));
        }
        failed.forEach(f -> warnings.add("sign-ins in " + f + " (read again next time)"));
        Snapshot snapshot = Snapshot.of(context.monitorName(), scope, now, List.of()).withCursor(json.writeWindows("regions", after));
        return new Result(snapshot, found, warnings);
    }

    private java.util.Optional<SignInEvent> toSignIn(Event e, String region) {
        CloudTrailEvents.SignIn s;
        try {
            s = json.signIn(e.cloudTrailEvent());
        } catch (IllegalArgumentException ex) {
            throw new MonitorException("CloudTrail event " + e.eventId() + " in " + region + " cannot be read: " + ex.getMessage(), ex);
        }
        boolean root = "Root".equals(s.identityType());
        if (!s.success() || !"No".equalsIgnoreCase(s.mfaUsed()) || !(root || "IAMUser".equals(s.identityType()))
                || s.arn() == null) {
            return java.util.Optional.empty();
        }
        Map<String, String> details = new TreeMap<>();
        details.put("identityType", s.identityType());
        details.put("region", s.region() == null ? region : s.region());
        if (s.sourceIp() != null) {
            details.put("sourceIp", s.sourceIp());
        }
        String name = root ? IamUser.ROOT_NAME : s.userName() != null ? s.userName() : s.arn();
        return java.util.Optional.of(new SignInEvent(e.eventId(), AccountId.of(s.arn()), name, e.eventTime(), root, details));
    }

    @Override
    public dev.mfawatch.model.FindingRule rule() {
        return AwsRules.SIGN_IN;
    }

    @Override
    public void close() {
        clients.close();
    }

    @Override
    public String toString() {
        return "CloudTrailSignInMonitor[regions=" + regions + ", lookback=" + lookback + ", overlap=" + overlap + "]";
    }
}
