package dev.mfawatch.monitor.okta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.LogCursor;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code okta}: every user of the org with their active factors. A full scan lists the users (200 a
 * page, Okta's largest) and reads each one's factors: about N + N/200 requests, which Okta's
 * per-minute limits spread over minutes at thousands of users. So a full scan runs when there is no
 * snapshot and every {@code full-scan-every}; in between, the System Log since the last read (less
 * an {@code overlap} for late events) names the users whose factors or status changed, and only
 * those are read again: a scan with nothing new costs two requests.
 */
final class OktaMonitor implements Monitor {

    /** The System Log events after which a user's factors or ability to sign in may differ. */
    static final List<String> EVENT_TYPES = List.of("user.mfa.factor.activate", "user.mfa.factor.deactivate",
            "user.mfa.factor.reset_all", "user.mfa.factor.update", "user.lifecycle.create", "user.lifecycle.activate",
            "user.lifecycle.reactivate", "user.lifecycle.deactivate", "user.lifecycle.suspend", "user.lifecycle.unsuspend",
            "user.lifecycle.delete.initiated", "user.account.lock", "user.account.unlock", "user.account.unlock_by_admin");
    static final int USERS_PAGE = 200;
    static final int LOG_PAGE = 1000;
    static final int ADMINS_PAGE = 100;

    private static final Logger LOG = LoggerFactory.getLogger(OktaMonitor.class);

    private final OktaSettings settings;
    private final OktaClient client;

    OktaMonitor(OktaSettings settings, OktaClient client) {
        this.settings = settings;
        this.client = client;
    }

    @Override
    public ScanResult scan(ScanContext context) {
        OktaApi api = client.start(context);
        Instant now = context.clock().instant();
        Snapshot previous = context.previous().orElse(null);
        LogCursor cursor = previous == null ? null : LogCursor.parse(previous.cursor()).orElse(null);
        List<String> warnings = new ArrayList<>();
        String org = settings.endpoint().getHost();
        boolean full = previous == null || cursor == null || cursor.fullScanDue(org, now, settings.fullScanEvery());
        Snapshot snapshot = null;
        if (!full) {
            try {
                snapshot = incremental(api, context, previous, cursor, now);
            } catch (OktaApi.Refused e) {
                if (e.what() != OktaApi.LOGS) {
                    throw e;
                }
                warnings.add("the System Log is refused, so this scan reads every user in full instead (slower, more requests): "
                        + e.getMessage());
            }
        }
        String kind = snapshot == null ? "full" : "incremental";
        if (snapshot == null) {
            snapshot = fullScan(api, context, now);
        }
        LOG.debug("Okta scan of {} ({}): {} accounts, {} requests", org, kind, snapshot.accounts().size(), client.requests());
        return new ScanResult(snapshot, List.of(), warnings);
    }

    private Snapshot fullScan(OktaApi api, ScanContext context, Instant now) {
        Set<String> admins = admins(api);
        List<Account> accounts = new ArrayList<>();
        api.list("/api/v1/users?limit=" + USERS_PAGE, OktaApi.USERS, user -> accounts.add(read(api, user, admins)));
        return new Snapshot(context.monitorName(), now, accounts, List.of(), LogCursor.afterFullScan(settings.endpoint().getHost(), now).format());
    }

    private Snapshot incremental(OktaApi api, ScanContext context, Snapshot previous, LogCursor cursor, Instant now) {
        Instant since = cursor.readFrom(settings.overlap());
        String query = "/api/v1/logs?since=" + enc(since.toString()) + "&until=" + enc(now.toString()) + "&sortOrder=ASCENDING&limit="
                + LOG_PAGE + "&filter=" + enc(EVENT_TYPES.stream().map(t -> "eventType eq \"" + t + "\"").collect(Collectors.joining(" or ")));
        List<JsonNode> events = api.all(query, OktaApi.LOGS);
        Map<String, Instant> actedOn = new TreeMap<>();
        Set<String> reread = new LinkedHashSet<>();
        for (JsonNode e : events) {
            String uuid = e.path("uuid").asText("");
            if (!uuid.isEmpty() && cursor.seen(uuid)) {
                continue;
            }
            for (JsonNode target : e.path("target")) {
                if ("User".equalsIgnoreCase(target.path("type").asText()) && !target.path("id").asText("").isBlank()) {
                    reread.add(target.path("id").asText());
                }
            }
            if (!uuid.isEmpty()) {
                actedOn.put(uuid, published(e, now));
            }
        }
        Set<String> admins = admins(api);
        Map<String, Account> accounts = new LinkedHashMap<>();
        for (Account a : previous.accounts()) {
            String id = a.id().value().substring("okta:".length());
            accounts.put(id, a.withCritical(admins.contains(id)).withDetails(role(a.details(), admins.contains(id))));
        }
        for (String id : reread) {
            JsonNode user = api.one("/api/v1/users/" + enc(id), OktaApi.USERS);
            // A deactivated user leaves the full list, so it leaves here too: both scans agree.
            if (user == null || "DEPROVISIONED".equals(OktaUsers.status(user))) {
                accounts.remove(id);
            } else {
                accounts.put(id, read(api, user, admins));
            }
        }
        LOG.debug("Okta System Log since {}: {} events, {} users read again", since, events.size(), reread.size());
        return new Snapshot(context.monitorName(), now, new ArrayList<>(accounts.values()), List.of(),
                cursor.advance(now, actedOn, settings.overlap()).format());
    }

    private Account read(OktaApi api, JsonNode user, Set<String> admins) {
        String id = OktaUsers.id(user);
        List<JsonNode> factors = OktaUsers.canSignIn(user) ? api.all("/api/v1/users/" + enc(id) + "/factors", OktaApi.FACTORS) : List.of();
        return OktaUsers.account(user, factors, admins.contains(id));
    }

    private static Set<String> admins(OktaApi api) {
        Set<String> ids = new HashSet<>();
        api.list("/api/v1/iam/assignees/users?limit=" + ADMINS_PAGE, OktaApi.ADMINS, n -> {
            String id = n.path("id").asText("");
            if (id.isBlank()) {
                throw new MonitorException("Okta listed an administrator without an id; the scan is dropped");
            }
            ids.add(id);
        });
        return ids;
    }

    private static Map<String, String> role(Map<String, String> details, boolean admin) {
        Map<String, String> copy = new TreeMap<>(details);
        copy.put("role", admin ? "admin" : "user");
        return copy;
    }

    private static Instant published(JsonNode event, Instant dflt) {
        try {
            return Instant.parse(event.path("published").asText());
        } catch (java.time.format.DateTimeParseException e) {
            return dflt;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public FindingRule rule() {
        return OktaRules.FACTORS;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "OktaMonitor[endpoint=" + settings.endpoint() + ", fullScanEvery=" + settings.fullScanEvery() + "]";
    }
}
