package dev.mfawatch.monitor.github;

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
import java.util.function.Predicate;

/**
 * A loopback GitHub REST API for one organisation: the organisation, its members and outside
 * collaborators with the 2FA filters, {@code Link} pagination, the caller's membership, and the
 * error answers GitHub gives (401, 404, rate limits with their headers, 5xx, broken JSON).
 */
final class FakeGitHub extends LoopbackHttpService {

    static final String TOKEN = "ghp_CANARYtokenFakeGitHub0123456789";
    static final String ORG = "acme";

    /** How a user's second factor stands. */
    enum TwoFa { ON, OFF, INSECURE }

    /** A user of the organisation. */
    static final class User {
        final long id;
        String login;
        TwoFa twoFa;
        boolean admin;

        User(long id, String login, TwoFa twoFa) {
            this.id = id;
            this.login = login;
            this.twoFa = twoFa;
        }
    }

    /** A canned answer for requests that match. */
    record Failure(Predicate<String> matches, int status, Map<String, String> headers, String body, int[] times) {
    }

    /** Another organisation of the same GitHub, for tokens that reach several. */
    static final class Org {
        final String login;
        final List<User> members = Collections.synchronizedList(new ArrayList<>());
        volatile Boolean twoFactorRequired = Boolean.TRUE;
        volatile boolean callerIsOwner = true;
        volatile boolean exists = true;

        Org(String login) {
            this.login = login;
        }
    }

    final Map<String, Org> others = new java.util.concurrent.ConcurrentHashMap<>();
    /** As GitHub does for a fine-grained token: /user/memberships/orgs is refused. */
    volatile boolean listsMemberships = true;

    Org org(String login) {
        Org o = new Org(login);
        others.put(login, o);
        return o;
    }

    final List<User> members = Collections.synchronizedList(new ArrayList<>());
    final List<User> collaborators = Collections.synchronizedList(new ArrayList<>());
    volatile Boolean twoFactorRequired = Boolean.TRUE;
    /** As GitHub does for a token that is not an owner's: filters ignored, the setting hidden. */
    volatile boolean callerIsOwner = true;
    volatile boolean knowsInsecureFilter = true;
    final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final ObjectMapper json = new ObjectMapper();

    String endpoint() {
        return baseUri().toString();
    }

    User member(long id, String login, TwoFa twoFa) {
        User u = new User(id, login, twoFa);
        members.add(u);
        return u;
    }

    User collaborator(long id, String login, TwoFa twoFa) {
        User u = new User(id, login, twoFa);
        collaborators.add(u);
        return u;
    }

    void fail(Predicate<String> request, int status, Map<String, String> headers, String body, int times) {
        failures.add(new Failure(request, status, headers, body, new int[] {times}));
    }

    long count(String pathAndQueryPart) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.contains(pathAndQueryPart)).count();
        }
    }

    @Override
    protected void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String pathAndQuery = ex.getRequestURI().toString();
            requests.add(pathAndQuery);
            String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
            if (!auth.equals("token " + TOKEN) && !auth.equals("Bearer " + TOKEN)) {
                answer(ex, 401, Map.of(), "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}");
                return;
            }
            Failure f = failure(pathAndQuery);
            if (f != null) {
                answer(ex, f.status(), f.headers(), f.body());
                return;
            }
            String path = ex.getRequestURI().getPath();
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            java.util.regex.Matcher other = java.util.regex.Pattern.compile("/orgs/([^/]+)(/.*)?").matcher(path);
            if (other.matches() && others.containsKey(other.group(1))) {
                Org o = others.get(other.group(1));
                String rest = other.group(2) == null ? "" : other.group(2);
                if (!o.exists) {
                    answer(ex, 404, Map.of(), "{\"message\":\"Not Found\",\"status\":\"404\"}");
                } else if (rest.isEmpty()) {
                    ObjectNode org = orgJson(o.login);
                    if (o.callerIsOwner && o.twoFactorRequired != null) {
                        org.put("two_factor_requirement_enabled", o.twoFactorRequired);
                    } else {
                        org.putNull("two_factor_requirement_enabled");
                    }
                    answer(ex, 200, Map.of(), org.toString());
                } else if (rest.equals("/members")) {
                    list(ex, q, o.members, path, o.callerIsOwner);
                } else if (rest.equals("/outside_collaborators")) {
                    list(ex, q, List.of(), path, o.callerIsOwner);
                } else {
                    answer(ex, 404, Map.of(), "{\"message\":\"Not Found\",\"status\":\"404\"}");
                }
            } else if (path.equals("/user/memberships/orgs/" + ORG) || path.startsWith("/user/memberships/orgs/")
                    && others.containsKey(path.substring("/user/memberships/orgs/".length()))) {
                String login = path.substring("/user/memberships/orgs/".length());
                boolean owner = login.equals(ORG) ? callerIsOwner : others.get(login).callerIsOwner;
                answer(ex, 200, Map.of(), membership(login, owner).toString());
            } else if (path.equals("/user/memberships/orgs")) {
                if (!listsMemberships) {
                    answer(ex, 403, Map.of(), "{\"message\":\"Resource not accessible by personal access token\",\"status\":\"403\"}");
                    return;
                }
                ArrayNode all = json.createArrayNode();
                all.add(membership(ORG, callerIsOwner));
                others.values().forEach(o -> all.add(membership(o.login, o.callerIsOwner)));
                answer(ex, 200, Map.of(), all.toString());
            } else if (path.equals("/orgs/" + ORG)) {
                ObjectNode org = orgJson();
                if (callerIsOwner && twoFactorRequired != null) {
                    org.put("two_factor_requirement_enabled", twoFactorRequired);
                } else {
                    org.putNull("two_factor_requirement_enabled");
                }
                answer(ex, 200, Map.of(), org.toString());
            } else if (path.equals("/orgs/" + ORG + "/members")) {
                list(ex, q, members, path, callerIsOwner);
            } else if (path.equals("/orgs/" + ORG + "/outside_collaborators")) {
                list(ex, q, collaborators, path, callerIsOwner);
            } else if (path.equals("/user")) {
                answer(ex, 200, Map.of(), user(new User(999, "the-caller", TwoFa.ON)).toString());
            } else {
                answer(ex, 404, Map.of(), "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"404\"}");
            }
        }
    }

    private ObjectNode membership(String login, boolean owner) {
        ObjectNode m = json.createObjectNode().put("state", "active").put("role", owner ? "admin" : "member")
                .put("url", endpoint() + "/orgs/" + login + "/memberships/the-caller");
        m.set("organization", orgJson(login));
        m.set("user", user(new User(999, "the-caller", TwoFa.ON)));
        return m;
    }

    private void list(HttpExchange ex, Map<String, String> q, List<User> users, String path, boolean callerIsOwner) throws IOException {
        String filter = q.getOrDefault("filter", "all");
        String role = q.getOrDefault("role", "all");
        if (filter.equals("2fa_insecure") && !knowsInsecureFilter) {
            answer(ex, 422, Map.of(), "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Organization\","
                    + "\"field\":\"filter\",\"code\":\"invalid\"}],\"status\":\"422\"}");
            return;
        }
        List<User> chosen = new ArrayList<>();
        synchronized (users) {
            for (User u : users) {
                boolean keep = !callerIsOwner || switch (filter) {
                    case "2fa_disabled" -> u.twoFa == TwoFa.OFF;
                    case "2fa_insecure" -> u.twoFa == TwoFa.INSECURE;
                    default -> true;
                };
                keep &= !role.equals("admin") || u.admin;
                if (keep) {
                    chosen.add(u);
                }
            }
        }
        int perPage = Math.min(100, Integer.parseInt(q.getOrDefault("per_page", "30")));
        int page = Integer.parseInt(q.getOrDefault("page", "1"));
        int last = Math.max(1, (chosen.size() + perPage - 1) / perPage);
        List<User> slice = chosen.subList(Math.min(chosen.size(), (page - 1) * perPage), Math.min(chosen.size(), page * perPage));
        ArrayNode body = json.createArrayNode();
        slice.forEach(u -> body.add(user(u)));
        Map<String, String> headers = new HashMap<>();
        if (page < last) {
            Map<String, String> next = new LinkedHashMap<>(q);
            next.put("page", String.valueOf(page + 1));
            Map<String, String> lastQ = new LinkedHashMap<>(q);
            lastQ.put("page", String.valueOf(last));
            headers.put("Link", "<" + endpoint() + path + "?" + encode(next) + ">; rel=\"next\", <" + endpoint() + path + "?"
                    + encode(lastQ) + ">; rel=\"last\"");
        }
        answer(ex, 200, headers, body.toString());
    }

    private ObjectNode orgJson() {
        return orgJson(ORG);
    }

    private ObjectNode orgJson(String login) {
        return json.createObjectNode().put("login", login).put("id", 4242 + login.hashCode() % 1000).put("node_id", "O_" + login)
                .put("url", endpoint() + "/orgs/" + login).put("description", login)
                .put("members_url", endpoint() + "/orgs/" + login + "/members{/member}").put("type", "Organization");
    }

    private ObjectNode user(User u) {
        return json.createObjectNode().put("login", u.login).put("id", u.id).put("node_id", "U_" + u.id)
                .put("avatar_url", "https://avatars.example/u/" + u.id).put("url", endpoint() + "/users/" + u.login)
                .put("html_url", "https://github.com/" + u.login).put("type", "User").put("site_admin", false);
    }

    private Failure failure(String pathAndQuery) {
        synchronized (failures) {
            for (Failure f : failures) {
                if (f.times()[0] > 0 && f.matches().test(pathAndQuery)) {
                    f.times()[0]--;
                    return f;
                }
            }
        }
        return null;
    }

    private static String encode(Map<String, String> q) {
        StringBuilder sb = new StringBuilder();
        q.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(v));
        return sb.toString();
    }

    private static void answer(HttpExchange ex, int status, Map<String, String> headers, String body) throws IOException {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("Content-Type", "application/json; charset=utf-8");
        all.put("x-ratelimit-limit", "5000");
        if (!headers.containsKey("x-ratelimit-remaining")) {
            all.put("x-ratelimit-remaining", "4999");
            all.put("x-ratelimit-reset", String.valueOf(java.time.Instant.now().getEpochSecond() + 3600));
        }
        all.putAll(headers);
        LoopbackHttpService.send(ex, status, all, body);
    }

}
