package dev.mfawatch.monitor.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.AccountId;
import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.model.Severity;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.BoundedHttp;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import dev.mfawatch.spi.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code slack-workspace}: every member from {@code users.list} (cursor pages of up to 1,000), with
 * {@code has_2fa} and {@code two_factor_type}. Slack shows {@code has_2fa} only to a workspace
 * admin's or owner's user token; for anybody else it leaves the field out, which a client reading it
 * as a {@code boolean} takes for "no 2FA". Here a missing field fails the scan. Pages are paced for
 * Slack's Tier 2 limit (about 20 a minute) and a 429 waits its {@code Retry-After}.
 */
final class SlackWorkspaceMonitor implements Monitor {

    static final int PAGE = 1000;
    static final int MAX_BYTES = 32 * 1024 * 1024;
    static final FindingRule RULE = new FindingRule("slack-workspace-2fa",
            "Slack members without two-factor authentication, or with SMS only",
            "A Slack account with a password alone exposes every channel, file and integration token posted in the workspace "
                    + "once the password leaks; SMS codes fall to SIM swaps.",
            "identity", Severity.HIGH,
            "Ask the member to turn on two-factor authentication with an authenticator app, and require it for the workspace "
                    + "(Settings & administration > Workspace settings > Authentication), or sign in through SSO with MFA.",
            "https://slack.com/help/articles/204509068");

    private static final Logger LOG = LoggerFactory.getLogger(SlackWorkspaceMonitor.class);

    private final URI base;
    private final Secret token;
    private final Duration pagePause;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    SlackWorkspaceMonitor(URI base, Secret token, Duration pagePause, Duration requestTimeout) {
        this.base = base;
        this.token = token;
        this.pagePause = pagePause;
        this.requestTimeout = requestTimeout;
        // No redirects: BoundedHttp follows them itself, within Slack's origin.
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public ScanResult scan(ScanContext context) {
        BoundedHttp exchange = new BoundedHttp("Slack", http, base, requestTimeout, MAX_BYTES, context.clock(), context::deadline);
        List<Account> accounts = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            if (pages > 0) {
                wait(context, pagePause, "pacing users.list pages for Slack's Tier 2 limit");
            }
            JsonNode body = page(exchange, context, cursor);
            pages++;
            JsonNode members = body.path("members");
            if (!members.isArray()) {
                throw new MonitorException("Slack's users.list answer holds no members list");
            }
            for (JsonNode m : members) {
                accounts.add(account(m));
            }
            cursor = body.path("response_metadata").path("next_cursor").asText("");
        } while (!cursor.isBlank());
        LOG.debug("Slack workspace scan: {} members in {} pages", accounts.size(), pages);
        return new ScanResult(new Snapshot(context.monitorName(), context.clock().instant(), accounts, List.of(), ""), List.of(), List.of());
    }

    private JsonNode page(BoundedHttp exchange, ScanContext context, String cursor) {
        URI uri = URI.create(base + "/users.list?limit=" + PAGE + (cursor.isBlank() ? "" : "&cursor="
                + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
        int tries = 0;
        int limited = 0;
        while (true) {
            tries++;
            BoundedHttp.Answer a;
            try {
                a = exchange.send(u -> HttpRequest.newBuilder(u).GET().header("Authorization", "Bearer " + token.reveal()).build(), uri);
            } catch (IOException e) {
                if (tries >= 3) {
                    throw new MonitorException("reading Slack's users.list failed " + tries + " times: " + e.getMessage());
                }
                wait(context, Duration.ofSeconds(tries), "retrying users.list");
                continue;
            }
            if (a.status() == 429) {
                Duration wait = Duration.ofSeconds(Math.max(0, a.headerNumber("Retry-After").orElse(30)));
                if (++limited > 5) {
                    throw new MonitorException("Slack kept rate-limiting users.list (429); the next run tries again");
                }
                wait(context, wait, "Slack's rate limit (Retry-After " + wait.toSeconds() + " s)");
                tries--;
                continue;
            }
            if (a.status() / 100 == 5 && tries < 3) {
                wait(context, Duration.ofSeconds(tries), "retrying users.list after HTTP " + a.status());
                continue;
            }
            if (a.status() != 200) {
                throw new MonitorException("Slack answered HTTP " + a.status() + " to users.list");
            }
            JsonNode body;
            try {
                body = json.readTree(a.body());
            } catch (IOException e) {
                throw new MonitorException("Slack's users.list answer is not JSON");
            }
            if (body == null || !body.path("ok").asBoolean(false)) {
                throw refused(body == null ? json.createObjectNode() : body);
            }
            return body;
        }
    }

    private static MonitorException refused(JsonNode body) {
        String error = body.path("error").asText("unknown");
        return switch (error) {
            case "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive" ->
                    new MonitorException("Slack refused the token (" + error + "): it is wrong, revoked or its user was deactivated");
            case "missing_scope" -> new MonitorException("Slack refused users.list (missing_scope): the token needs "
                    + body.path("needed").asText("users:read") + " (it has " + body.path("provided").asText("?") + ")");
            default -> new MonitorException("Slack refused users.list (" + error + ")");
        };
    }

    private static Account account(JsonNode m) {
        String id = m.path("id").asText("");
        String team = m.path("team_id").asText("");
        if (id.isBlank() || team.isBlank()) {
            throw new MonitorException("Slack sent a member without id or team_id; the scan is dropped");
        }
        String name = m.path("name").asText(id);
        boolean owner = m.path("is_owner").asBoolean(false);
        boolean admin = m.path("is_admin").asBoolean(false);
        boolean primary = m.path("is_primary_owner").asBoolean(false);
        Map<String, String> details = new TreeMap<>();
        details.put("role", primary ? "primary-owner" : owner ? "owner" : admin ? "admin"
                : m.path("is_ultra_restricted").asBoolean(false) ? "single-channel-guest"
                : m.path("is_restricted").asBoolean(false) ? "guest" : "member");
        AccountId accountId = AccountId.of("slack:" + team + ":" + id);
        boolean critical = owner || admin || primary;
        boolean bot = m.path("is_bot").asBoolean(false) || m.path("is_app_user").asBoolean(false) || "USLACKBOT".equals(id);
        if (m.path("deleted").asBoolean(false) || bot) {
            details.put("notApplicable", bot ? "bot" : "deactivated");
            return new Account(accountId, name, MfaState.NOT_APPLICABLE, false, critical, details);
        }
        JsonNode has2fa = m.path("has_2fa");
        if (!has2fa.isBoolean()) {
            throw new MonitorException("Slack listed member " + name + " without has_2fa: Slack shows two-factor status only to a "
                    + "workspace admin's or owner's user token (xoxp-), never to a bot token; the scan stops rather than report "
                    + "everybody without 2FA");
        }
        String type = m.path("two_factor_type").asText("");
        if (!type.isBlank()) {
            details.put("2faType", type);
        }
        boolean on = has2fa.asBoolean();
        return new Account(accountId, name, on ? MfaState.ENABLED : MfaState.DISABLED, on && "sms".equals(type), critical, details);
    }

    private static void wait(ScanContext context, Duration d, String why) {
        if (!d.isZero() && !BoundedHttp.pauseWithin(context.clock(), context.deadline(), context.sleeper(), d, "Slack")) {
            throw new MonitorException("the scan's time limit runs out before " + why + " ends; raise the monitor's timeout");
        }
    }

    @Override
    public FindingRule rule() {
        return RULE;
    }

    @Override
    public String toString() {
        return "SlackWorkspaceMonitor[endpoint=" + base + "]";
    }
}
