package dev.mfawatch.monitor.entra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.WatchedSetting;
import dev.mfawatch.spi.LogCursor;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code entra}: every user of a tenant with their MFA registration. A full scan reads the users
 * (999 a page) for who can sign in, and Microsoft's registration report (999 a page) for their
 * methods; the report is cached by Microsoft, so a user it does not list yet, or one read live
 * after the report was made, is read live through {@code /users/{id}/authentication/methods}. In
 * between, the directory audit log since the last read (category {@code UserManagement}: security
 * info registered or deleted, users added, deleted, enabled or disabled) names the users to read
 * again. Every scan also reads what enforces MFA (security defaults, Conditional Access).
 */
final class EntraMonitor implements Monitor {

    static final String USER_FIELDS = "$select=id,userPrincipalName,accountEnabled,userType";
    static final int PAGE = 999;

    private static final Logger LOG = LoggerFactory.getLogger(EntraMonitor.class);

    private final EntraSettings settings;
    private final EntraClient client;

    EntraMonitor(EntraSettings settings, EntraClient client) {
        this.settings = settings;
        this.client = client;
    }

    @Override
    public ScanResult scan(ScanContext context) {
        GraphApi api = client.start(context);
        Instant now = context.clock().instant();
        Snapshot previous = context.previous().orElse(null);
        LogCursor cursor = previous == null ? null : LogCursor.parse(previous.cursor()).orElse(null);
        List<String> warnings = new ArrayList<>();
        Snapshot snapshot = null;
        if (previous != null && cursor != null && !cursor.fullScanDue(settings.tenantId(), now, settings.fullScanEvery())) {
            try {
                snapshot = incremental(api, context, previous, cursor, now);
            } catch (GraphApi.Refused e) {
                if (e.what() != GraphApi.AUDIT) {
                    throw e;
                }
                warnings.add("the directory audit log is refused, so this scan reads every user in full instead: " + e.getMessage());
            }
        }
        String kind = snapshot == null ? "full" : "incremental";
        if (snapshot == null) {
            snapshot = fullScan(api, context, previous, now);
        }
        LOG.debug("Entra scan of tenant {} ({}): {} accounts, {} Graph requests", settings.tenantId(), kind, snapshot.accounts().size(),
                client.requests());
        return new ScanResult(snapshot, List.of(), warnings);
    }

    private Snapshot fullScan(GraphApi api, ScanContext context, @Nullable Snapshot previous, Instant now) {
        List<JsonNode> users = api.all("/v1.0/users?" + USER_FIELDS + "&$top=" + PAGE, GraphApi.USERS);
        Map<String, JsonNode> report = new HashMap<>();
        api.list("/v1.0/reports/authenticationMethods/userRegistrationDetails?$top=" + PAGE, GraphApi.REPORT,
                row -> report.put(row.path("id").asText(""), row));
        Map<String, Account> before = byId(previous);
        List<Account> accounts = new ArrayList<>();
        int live = 0;
        for (JsonNode user : users) {
            String id = EntraUsers.id(user);
            JsonNode row = report.get(id);
            Account old = before.get(EntraUsers.accountId(id));
            boolean admin = row != null ? row.path("isAdmin").asBoolean(false) : old != null && old.critical();
            Account a = applicable(user, admin);
            if (a == null) {
                Instant readAt = EntraUsers.readAt(old);
                if (row == null || readAt != null && reportOlderThan(row, readAt)) {
                    // Not in the cached report yet, or the report is older than what a scan read live: read it live.
                    a = EntraUsers.fromMethods(user, methods(api, id), admin, now);
                    live++;
                } else {
                    a = EntraUsers.fromReport(user, row);
                }
            }
            accounts.add(a);
        }
        LOG.debug("Entra full scan: {} users, {} report rows, {} read live", users.size(), report.size(), live);
        List<WatchedSetting> watched = EntraPolicies.read(api, previous);
        return new Snapshot(context.monitorName(), now, accounts, watched, LogCursor.afterFullScan(settings.tenantId(), now).format());
    }

    private Snapshot incremental(GraphApi api, ScanContext context, Snapshot previous, LogCursor cursor, Instant now) {
        Instant since = cursor.readFrom(settings.overlap());
        String filter = "activityDateTime ge " + since + " and activityDateTime le " + now + " and category eq 'UserManagement'";
        List<JsonNode> audits = api.all("/v1.0/auditLogs/directoryAudits?$filter=" + enc(filter), GraphApi.AUDIT);
        Map<String, Instant> actedOn = new TreeMap<>();
        Set<String> reread = new LinkedHashSet<>();
        for (JsonNode e : audits) {
            String eventId = e.path("id").asText("");
            if (!eventId.isEmpty() && cursor.seen(eventId)) {
                continue;
            }
            for (JsonNode t : e.path("targetResources")) {
                if ("User".equalsIgnoreCase(t.path("type").asText()) && !t.path("id").asText("").isBlank()) {
                    reread.add(t.path("id").asText());
                }
            }
            if (!eventId.isEmpty()) {
                actedOn.put(eventId, time(e, now));
            }
        }
        Map<String, Account> accounts = new LinkedHashMap<>(byId(previous));
        for (String id : reread) {
            Account old = accounts.get(EntraUsers.accountId(id));
            boolean admin = old != null && old.critical();
            JsonNode user = api.one("/v1.0/users/" + enc(id) + "?" + USER_FIELDS, GraphApi.USERS);
            if (user == null) {
                accounts.remove(EntraUsers.accountId(id));
                continue;
            }
            Account a = applicable(user, admin);
            accounts.put(EntraUsers.accountId(id), a != null ? a : EntraUsers.fromMethods(user, methods(api, id), admin, now));
        }
        LOG.debug("Entra audit log since {}: {} events, {} users read again", since, audits.size(), reread.size());
        List<WatchedSetting> watched = EntraPolicies.read(api, previous);
        return new Snapshot(context.monitorName(), now, new ArrayList<>(accounts.values()), watched,
                cursor.advance(now, actedOn, settings.overlap()).format());
    }

    /** The account of a user whose MFA is not this tenant's to judge, or {@code null} for everybody else. */
    private @Nullable Account applicable(JsonNode user, boolean admin) {
        if (!EntraUsers.enabled(user)) {
            return EntraUsers.notApplicable(user, admin, "disabled");
        }
        if (settings.ignoreGuests() && EntraUsers.guest(user)) {
            return EntraUsers.notApplicable(user, admin, "guest");
        }
        return null;
    }

    private static List<JsonNode> methods(GraphApi api, String id) {
        return api.all("/v1.0/users/" + enc(id) + "/authentication/methods", GraphApi.METHODS);
    }

    private static boolean reportOlderThan(JsonNode row, Instant readAt) {
        try {
            return Instant.parse(row.path("lastUpdatedDateTime").asText()).isBefore(readAt);
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    private static Map<String, Account> byId(@Nullable Snapshot s) {
        Map<String, Account> m = new LinkedHashMap<>();
        if (s != null) {
            s.accounts().forEach(a -> m.put(a.id().value(), a));
        }
        return m;
    }

    private static Instant time(JsonNode event, Instant dflt) {
        try {
            return Instant.parse(event.path("activityDateTime").asText());
        } catch (DateTimeParseException e) {
            return dflt;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public FindingRule rule() {
        return EntraRules.MFA;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "EntraMonitor[tenant=" + settings.tenantId() + ", endpoint=" + settings.endpoint() + "]";
    }
}
