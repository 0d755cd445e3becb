package dev.mfawatch.monitor.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.mfawatch.spi.contract.LoopbackHttpService;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loopback Slack Web API with {@code users.list}: cursor pages, {@code has_2fa} and
 * {@code two_factor_type} shown to an admin's user token and left out for a bot or a plain member,
 * Slack's {@code ok:false} errors, and 429 with {@code Retry-After}.
 */
final class FakeSlackWorkspace extends LoopbackHttpService {

    static final String ADMIN_TOKEN = "xoxp-1111-canary-admin-user-token";
    static final String MEMBER_TOKEN = "xoxp-2222-canary-member-user-token";
    static final String BOT_TOKEN = "xoxb-3333-canary-bot-token";
    static final String TEAM = "T0ACME";

    /** One member. */
    static final class Member {
        final String id;
        String name;
        boolean twoFactor;
        String type = "app";
        boolean admin;
        boolean owner;
        boolean primaryOwner;
        boolean bot;
        boolean deleted;
        boolean guest;

        Member(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    final Map<String, Member> members = Collections.synchronizedMap(new LinkedHashMap<>());
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    volatile int limitedOnceAtPage = -1;
    volatile boolean missingScope;

    FakeSlackWorkspace() {
        Member slackbot = member("USLACKBOT", "slackbot");
        slackbot.bot = false;
    }

    String endpoint() {
        return baseUri() + "/api";
    }

    Member member(String id, String name) {
        Member m = new Member(id, name);
        members.put(id, m);
        return m;
    }

    @Override
    protected void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getRawPath();
        String raw = x.getRequestURI().getRawQuery();
        requests.add(x.getRequestMethod() + " " + path + (raw == null ? "" : "?" + raw));
        String auth = String.valueOf(x.getRequestHeaders().getFirst("Authorization"));
        String token = auth.startsWith("Bearer ") ? auth.substring(7) : "";
        if (!token.equals(ADMIN_TOKEN) && !token.equals(MEMBER_TOKEN) && !token.equals(BOT_TOKEN)) {
            ok(x, json.createObjectNode().put("ok", false).put("error", "invalid_auth"));
            return;
        }
        if (!path.equals("/api/users.list")) {
            ok(x, json.createObjectNode().put("ok", false).put("error", "unknown_method"));
            return;
        }
        if (missingScope) {
            ok(x, json.createObjectNode().put("ok", false).put("error", "missing_scope").put("needed", "users:read")
                    .put("provided", "chat:write"));
            return;
        }
        Map<String, String> q = query(raw);
        int limit = Math.min(1000, Integer.parseInt(q.getOrDefault("limit", "0")) <= 0 ? 1000 : Integer.parseInt(q.get("limit")));
        int start = q.containsKey("cursor") ? Integer.parseInt(new String(java.util.Base64.getDecoder().decode(q.get("cursor")),
                StandardCharsets.UTF_8).replace("user:", "")) : 0;
        if (start / limit == limitedOnceAtPage) {
            limitedOnceAtPage = -1;
            send(x, 429, Map.of("Retry-After", "17", "Content-Type", "application/json"), "{\"ok\":false,\"error\":\"ratelimited\"}");
            return;
        }
        List<Member> all;
        synchronized (members) {
            all = new ArrayList<>(members.values());
        }
        ObjectNode body = json.createObjectNode().put("ok", true).put("cache_ts", 1_700_000_000);
        ArrayNode list = body.putArray("members");
        boolean sees2fa = token.equals(ADMIN_TOKEN);
        for (int i = start; i < Math.min(all.size(), start + limit); i++) {
            Member m = all.get(i);
            ObjectNode n = list.addObject();
            n.put("id", m.id).put("team_id", TEAM).put("name", m.name).put("deleted", m.deleted).put("real_name", m.name)
                    .put("tz", "Europe/London").put("is_admin", m.admin).put("is_owner", m.owner).put("is_primary_owner", m.primaryOwner)
                    .put("is_restricted", m.guest).put("is_ultra_restricted", false).put("is_bot", m.bot).put("is_app_user", false)
                    .put("updated", 1_700_000_000);
            n.putObject("profile").put("real_name", m.name).put("display_name", m.name);
            if (sees2fa && !m.bot && !m.id.equals("USLACKBOT")) {
                n.put("has_2fa", m.twoFactor);
                if (m.twoFactor) {
                    n.put("two_factor_type", m.type);
                }
            }
        }
        String next = start + limit < all.size()
                ? java.util.Base64.getEncoder().encodeToString(("user:" + (start + limit)).getBytes(StandardCharsets.UTF_8)) : "";
        body.putObject("response_metadata").put("next_cursor", next);
        ok(x, body);
    }

    private void ok(HttpExchange x, ObjectNode body) throws IOException {
        send(x, 200, Map.of("Content-Type", "application/json; charset=utf-8"), body.toString());
    }
}
