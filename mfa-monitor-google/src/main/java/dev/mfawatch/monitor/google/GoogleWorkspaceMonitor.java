package dev.mfawatch.monitor.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.LogCursor;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
 * {@code google-workspace}: every user of a Workspace account with their 2-Step Verification
 * enrolment. A full scan lists the users, 500 a page (the Directory API's largest), which carry
 * {@code isEnrolledIn2Sv}: ⌈N/500⌉ requests. Between full scans, the Reports API's {@code login}
 * events {@code 2sv_enroll} and {@code 2sv_disable}, and its {@code admin} events about users
 * (created, deleted, suspended, restored…), since the last read less an overlap, name the users to
 * read again.
 */
final class GoogleWorkspaceMonitor implements Monitor {

    static final int USERS_PAGE = 500;
    static final int EVENTS_PAGE = 1000;
    static final List<String> LOGIN_EVENTS = List.of("2sv_enroll", "2sv_disable");

    private static final Logger LOG = LoggerFactory.getLogger(GoogleWorkspaceMonitor.class);

    private final GoogleSettings settings;
    private final GoogleClient client;

    GoogleWorkspaceMonitor(GoogleSettings settings, GoogleClient client) {
        this.settings = settings;
        this.client = client;
    }

    private String source() {
        return settings.customer() + "@" + settings.subject().substring(settings.subject().indexOf('@') + 1);
    }

    @Override
    public ScanResult scan(ScanContext context) {
        AdminApi api = client.start(context);
        Instant now = context.clock().instant();
        Snapshot previous = context.previous().orElse(null);
        LogCursor cursor = previous == null ? null : LogCursor.parse(previous.cursor()).orElse(null);
        List<String> warnings = new ArrayList<>();
        Snapshot snapshot = null;
        if (previous != null && cursor != null && !cursor.fullScanDue(source(), now, settings.fullScanEvery())) {
            try {
                snapshot = incremental(api, context, previous, cursor, now);
            } catch (AdminApi.Refused e) {
                if (e.what() != AdminApi.REPORTS) {
                    throw e;
                }
                warnings.add("the Reports API is refused, so this scan lists every user instead: " + e.getMessage());
            }
        }
        String kind = snapshot == null ? "full" : "incremental";
        if (snapshot == null) {
            List<Account> accounts = new ArrayList<>();
            api.list("/admin/directory/v1/users?customer=" + AdminApi.enc(settings.customer()) + "&maxResults=" + USERS_PAGE
                    + "&projection=basic&viewType=admin_view", "users", AdminApi.USERS, u -> accounts.add(GoogleUsers.account(u)));
            snapshot = new Snapshot(context.monitorName(), now, accounts, List.of(), LogCursor.afterFullScan(source(), now).format());
        }
        LOG.debug("Google Workspace scan ({}): {} accounts, {} requests", kind, snapshot.accounts().size(), client.requests());
        return new ScanResult(snapshot, List.of(), warnings);
    }

    private Snapshot incremental(AdminApi api, ScanContext context, Snapshot previous, LogCursor cursor, Instant now) {
        String window = "startTime=" + AdminApi.enc(cursor.readFrom(settings.overlap()).toString()) + "&endTime="
                + AdminApi.enc(now.toString()) + "&maxResults=" + EVENTS_PAGE
                + (settings.customer().equals("my_customer") ? "" : "&customerId=" + AdminApi.enc(settings.customer()));
        Map<String, Instant> actedOn = new TreeMap<>();
        Set<String> reread = new LinkedHashSet<>();
        for (String name : LOGIN_EVENTS) {
            for (JsonNode item : api.all("/admin/reports/v1/activity/users/all/applications/login?eventName=" + name + "&" + window, "items",
                    AdminApi.REPORTS)) {
                if (fresh(item, cursor, actedOn, now)) {
                    String who = item.path("actor").path("profileId").asText(item.path("actor").path("email").asText(""));
                    if (!who.isBlank()) {
                        reread.add(who);
                    }
                }
            }
        }
        for (JsonNode item : api.all("/admin/reports/v1/activity/users/all/applications/admin?" + window, "items", AdminApi.REPORTS)) {
            if (!fresh(item, cursor, actedOn, now)) {
                continue;
            }
            for (JsonNode event : item.path("events")) {
                if (!"USER_SETTINGS".equals(event.path("type").asText())) {
                    continue;
                }
                for (JsonNode p : event.path("parameters")) {
                    if ("USER_EMAIL".equals(p.path("name").asText()) && !p.path("value").asText("").isBlank()) {
                        reread.add(p.path("value").asText());
                    }
                }
            }
        }
        Map<String, Account> accounts = new LinkedHashMap<>();
        previous.accounts().forEach(a -> accounts.put(a.id().value(), a));
        for (String key : reread) {
            JsonNode user = api.one("/admin/directory/v1/users/" + AdminApi.enc(key) + "?projection=basic&viewType=admin_view",
                    AdminApi.USERS);
            if (user == null) {
                accounts.values().removeIf(a -> a.id().value().equals("google:" + key) || a.name().equalsIgnoreCase(key));
            } else {
                Account a = GoogleUsers.account(user);
                accounts.put(a.id().value(), a);
            }
        }
        LOG.debug("Google Reports API: {} users read again", reread.size());
        return new Snapshot(context.monitorName(), now, new ArrayList<>(accounts.values()), List.of(),
                cursor.advance(now, actedOn, settings.overlap()).format());
    }

    /** Whether an activity was not acted on by an earlier read; if so it is noted as acted on now. */
    private static boolean fresh(JsonNode item, LogCursor cursor, Map<String, Instant> actedOn, Instant now) {
        JsonNode id = item.path("id");
        String key = id.path("applicationName").asText("") + ":" + id.path("time").asText("") + ":" + id.path("uniqueQualifier").asText("");
        if (cursor.seen(key)) {
            return false;
        }
        actedOn.put(key, time(id.path("time").asText(null), now));
        return true;
    }

    private static Instant time(@Nullable String text, Instant dflt) {
        try {
            return text == null ? dflt : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return dflt;
        }
    }

    @Override
    public FindingRule rule() {
        return GoogleRules.TWO_STEP;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "GoogleWorkspaceMonitor[customer=" + settings.customer() + ", subject=" + settings.subject() + "]";
    }
}
