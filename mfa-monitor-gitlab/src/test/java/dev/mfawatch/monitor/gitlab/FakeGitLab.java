package dev.mfawatch.monitor.gitlab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.mfawatch.spi.contract.LoopbackHttpService;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback GitLab REST API v4 as it answers each kind of caller: an administrator sees
 * {@code two_factor_enabled} and {@code is_admin} on users and may filter by {@code two_factor}; anybody
 * else gets the basic user entity and the filter is dropped, silently, as GitLab does. Group
 * members show {@code two_factor_enabled} to owners only when {@link #membersShowTwoFactor} (newer
 * GitLab). Offset pages with {@code Link} and {@code X-Next-Page}, 429 with {@code Retry-After},
 * GitLab's error bodies.
 */
final class FakeGitLab extends LoopbackHttpService {

    static final String ADMIN_TOKEN = "glpat-canary-admin-token-1234";
    static final String OWNER_TOKEN = "glpat-canary-owner-token-5678";
    static final String DEVELOPER_TOKEN = "glpat-canary-dev-token-9012";

    /** One user of the instance. */
    static final class User {
        final long id;
        String username;
        String state = "active";
        boolean twoFactor;
        boolean admin;
        boolean bot;
        String userType = "human";

        User(long id, String username) {
            this.id = id;
            this.username = username;
        }
    }

    /** One group with its members (user id → access level). */
    static final class Group {
        final String path;
        boolean requireTwoFactor;
        int gracePeriod = 48;
        final Map<Long, Integer> members = new LinkedHashMap<>();
        final List<Long> enterprise = new ArrayList<>();

        Group(String path) {
            this.path = path;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    final Map<Long, User> users = Collections.synchronizedMap(new LinkedHashMap<>());
    final Map<String, Group> groups = new ConcurrentHashMap<>();
    final Map<String, Long> tokens = new ConcurrentHashMap<>();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, Integer> limitedOnce = new ConcurrentHashMap<>();
    volatile boolean membersShowTwoFactor;
    volatile boolean enterpriseApi;
    volatile boolean requireTwoFactorEverywhere;

    FakeGitLab() {
    }

    String endpoint() {
        return baseUri() + "/api/v4";
    }

    User user(long id, String username) {
        User u = new User(id, username);
        users.put(id, u);
        return u;
    }

    Group group(String path) {
        Group g = new Group(path);
        groups.put(path, g);
        return g;
    }

    void fail(String fragment, int times) {
        failures.put(fragment, times);
    }

    void rateLimitOnce(String fragment) {
        limitedOnce.put(fragment, 1);
    }

    void resetCounts() {
        requests.clear();
    }

    int count(String prefix) {
        synchronized (requests) {
            return (int) requests.stream().filter(r -> r.startsWith(prefix)).count();
        }
    }

    @Override
    protected void handle(HttpExchange x) throws IOException {
        URI uri = x.getRequestURI();
        String path = uri.getRawPath();
        String pathQuery = path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        requests.add(x.getRequestMethod() + " " + pathQuery);
        Long callerId = tokens.get(String.valueOf(x.getRequestHeaders().getFirst("PRIVATE-TOKEN")));
        User caller = callerId == null ? null : users.get(callerId);
        if (caller == null) {
            message(x, 401, "401 Unauthorized");
            return;
        }
        for (var f : failures.entrySet()) {
            if (pathQuery.contains(f.getKey()) && f.getValue() > 0) {
                failures.put(f.getKey(), f.getValue() - 1);
                message(x, 500, "500 Internal Server Error");
                return;
            }
        }
        for (var l : limitedOnce.entrySet()) {
            if (pathQuery.contains(l.getKey()) && l.getValue() > 0) {
                limitedOnce.put(l.getKey(), 0);
                send(x, 429, Map.of("Retry-After", "9", "Content-Type", "text/plain", "RateLimit-Remaining", "0"), "Retry later");
                return;
            }
        }
        Map<String, String> q = query(uri.getRawQuery());
        boolean admin = caller.admin;
        Matcher m;
        if (path.equals("/api/v4/user")) {
            ObjectNode n = basic(caller);
            n.put("is_admin", caller.admin);
            json(x, n);
        } else if (path.equals("/api/v4/users")) {
            Predicate<User> keep = u -> !"true".equals(q.get("exclude_internal")) || !u.userType.equals("internal");
            if (admin && q.containsKey("two_factor")) {
                boolean on = q.get("two_factor").equals("enabled");
                keep = keep.and(u -> u.twoFactor == on);
            }
            List<ObjectNode> all = new ArrayList<>();
            synchronized (users) {
                for (User u : users.values()) {
                    if (keep.test(u)) {
                        all.add(admin ? full(u) : basic(u));
                    }
                }
            }
            page(x, path, q, all);
        } else if (path.equals("/api/v4/application/settings")) {
            if (!admin) {
                message(x, 403, "403 Forbidden");
                return;
            }
            json(x, json.createObjectNode().put("require_two_factor_authentication", requireTwoFactorEverywhere)
                    .put("two_factor_grace_period", 48).put("signup_enabled", false));
        } else if ((m = Pattern.compile("/api/v4/groups/([^/]+)/members/all").matcher(path)).matches()) {
            Group g = groups.get(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
            if (g == null) {
                message(x, 404, "404 Group Not Found");
                return;
            }
            boolean owner = admin || g.members.getOrDefault(caller.id, 0) >= 50;
            List<ObjectNode> all = new ArrayList<>();
            for (var e : g.members.entrySet()) {
                User u = users.get(e.getKey());
                ObjectNode n = basic(u);
                n.put("access_level", e.getValue());
                n.put("membership_state", "active");
                if (membersShowTwoFactor && owner) {
                    n.put("two_factor_enabled", u.twoFactor);
                }
                all.add(n);
            }
            page(x, path, q, all);
        } else if ((m = Pattern.compile("/api/v4/groups/([^/]+)/enterprise_users").matcher(path)).matches()) {
            Group g = groups.get(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
            if (!enterpriseApi || g == null) {
                message(x, 404, "404 Not Found");
                return;
            }
            if (g.members.getOrDefault(caller.id, 0) < 50) {
                message(x, 403, "403 Forbidden");
                return;
            }
            List<ObjectNode> all = new ArrayList<>();
            for (long id : g.enterprise) {
                User u = users.get(id);
                if (!q.containsKey("two_factor") || u.twoFactor == q.get("two_factor").equals("enabled")) {
                    all.add(basic(u));
                }
            }
            page(x, path, q, all);
        } else if ((m = Pattern.compile("/api/v4/groups/([^/]+)").matcher(path)).matches()) {
            Group g = groups.get(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
            if (g == null) {
                message(x, 404, "404 Group Not Found");
                return;
            }
            ObjectNode n = json.createObjectNode().put("id", 42).put("full_path", g.path).put("visibility", "private")
                    .put("require_two_factor_authentication", g.requireTwoFactor).put("two_factor_grace_period", g.gracePeriod);
            json(x, n);
        } else {
            message(x, 404, "404 Not Found");
        }
    }

    private ObjectNode basic(User u) {
        ObjectNode n = json.createObjectNode();
        n.put("id", u.id);
        n.put("username", u.username);
        n.put("name", u.username);
        n.put("state", u.state);
        n.put("locked", false);
        n.put("avatar_url", "https://secure.gravatar.com/avatar/x");
        n.put("web_url", baseUri() + "/" + u.username);
        return n;
    }

    private ObjectNode full(User u) {
        ObjectNode n = basic(u);
        n.put("is_admin", u.admin);
        n.put("bot", u.bot);
        n.put("user_type", u.userType);
        n.put("two_factor_enabled", u.twoFactor);
        n.put("created_at", "2024-01-02T03:04:05.000Z");
        return n;
    }

    private void page(HttpExchange x, String path, Map<String, String> q, List<ObjectNode> all) throws IOException {
        int per = Math.min(100, Integer.parseInt(q.getOrDefault("per_page", "20")));
        int page = Integer.parseInt(q.getOrDefault("page", "1"));
        ArrayNode body = json.createArrayNode();
        for (int i = (page - 1) * per; i < Math.min(all.size(), page * per); i++) {
            body.add(all.get(i));
        }
        Map<String, String> h = new HashMap<>(Map.of("Content-Type", "application/json", "X-Page", String.valueOf(page),
                "X-Per-Page", String.valueOf(per), "RateLimit-Limit", "2000", "RateLimit-Remaining", "1999"));
        if (page * per < all.size()) {
            StringBuilder next = new StringBuilder(endpoint().replace("/api/v4", "") + path + "?");
            q.forEach((k, v) -> {
                if (!k.equals("page")) {
                    next.append(k).append('=').append(v).append('&');
                }
            });
            next.append("page=").append(page + 1);
            h.put("Link", "<" + next + ">; rel=\"next\"");
            h.put("X-Next-Page", String.valueOf(page + 1));
        } else {
            h.put("X-Next-Page", "");
        }
        send(x, 200, h, body.toString());
    }

    private void json(HttpExchange x, ObjectNode n) throws IOException {
        send(x, 200, Map.of("Content-Type", "application/json"), n.toString());
    }

    private void message(HttpExchange x, int status, String message) throws IOException {
        send(x, status, Map.of("Content-Type", "application/json"), json.createObjectNode().put("message", message).toString());
    }
}
