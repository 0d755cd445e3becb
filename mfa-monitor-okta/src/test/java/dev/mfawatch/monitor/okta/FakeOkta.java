package dev.mfawatch.monitor.okta;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import dev.mfawatch.spi.contract.LoopbackHttpService;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback Okta org that speaks the management API's wire format: users paged by {@code Link}
 * headers with an {@code after} cursor, factors, role assignees paged by {@code _links.next}, the
 * System Log with {@code since}/{@code until}/{@code filter}, {@code X-Rate-Limit-*} headers per
 * bucket, Okta's error objects, and an OAuth token endpoint for service apps that checks the signed
 * client assertion and, when asked, demands DPoP with a nonce.
 */
final class FakeOkta extends LoopbackHttpService {

    static final String TOKEN = "00canary-okta-api-token-9f8e7d";
    static final String CLIENT_ID = "0oacanaryclient";

    /** One user. */
    static final class User {
        final String id;
        String login;
        String status = "ACTIVE";
        final Map<String, String> factors = new LinkedHashMap<>();
        final Map<String, String> factorStatus = new LinkedHashMap<>();

        User(String id, String login) {
            this.id = id;
            this.login = login;
        }

        User factor(String type) {
            return factor(type, "ACTIVE");
        }

        User factor(String type, String status) {
            String fid = "ufs" + type.replaceAll("[^a-z]", "") + id;
            factors.put(fid, type);
            factorStatus.put(fid, status);
            return this;
        }

        User noFactors() {
            factors.clear();
            factorStatus.clear();
            return this;
        }
    }

    private record Event(String uuid, Instant published, String type, String userId) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, User> users = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Set<String> admins = ConcurrentHashMap.newKeySet();
    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> refused = new ConcurrentHashMap<>();
    private final Map<String, String> scopeMissing = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, Integer> limitedOnce = new ConcurrentHashMap<>();
    private final Map<String, int[]> buckets = new ConcurrentHashMap<>();
    private volatile Supplier<Instant> clock = Instant::now;
    volatile int bucketLimit = 600;
    volatile int rateLimitResetSeconds = 30;
    volatile int adminsPage = 100;

    // the service app
    volatile RSAKey appKey;
    volatile boolean requireDpop;
    volatile Set<String> grantedScopes = Set.of("okta.users.read", "okta.logs.read", "okta.roles.read");
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private volatile String nonce = "n-" + UUID.randomUUID();
    volatile int tokenRequests;

    /** Answers one path in a way of the test's own (redirects, huge or slow answers). */
    interface Scripted {
        void answer(HttpExchange x) throws IOException;
    }

    private final Map<String, Scripted> overrides = new ConcurrentHashMap<>();

    FakeOkta() {
    }

    void override(String path, Scripted o) {
        overrides.put(path, o);
    }

    /** Sends a complete answer: for overrides. */
    static void reply(HttpExchange x, int status, Map<String, String> headers, String body) throws IOException {
        send(x, status, headers, body);
    }

    String endpoint() {
        return baseUri().toString();
    }

    void clock(Supplier<Instant> c) {
        clock = c;
    }

    User user(String id, String login) {
        User u = new User(id, login);
        users.put(id, u);
        return u;
    }

    User get(String id) {
        return users.get(id);
    }

    void delete(String id) {
        users.remove(id);
    }

    void admin(String id, boolean on) {
        if (on) {
            admins.add(id);
        } else {
            admins.remove(id);
        }
    }

    /** Records a System Log event about a user, published now. */
    void event(String type, String userId) {
        event(type, userId, clock.get());
    }

    void event(String type, String userId, Instant published) {
        events.add(new Event(UUID.randomUUID().toString(), published, type, userId));
    }

    /** Answers requests whose path starts with the prefix with 403 E0000006 from now on. */
    void refuse(String pathPrefix) {
        refused.put(pathPrefix, 1);
    }

    /** Answers with 403 and a WWW-Authenticate insufficient_scope challenge for the scope. */
    void missingScope(String pathPrefix, String scope) {
        scopeMissing.put(pathPrefix, scope);
    }

    /** Fails the next {@code times} requests whose path and query contain {@code fragment} with 500. */
    void fail(String fragment, int times) {
        failures.put(fragment, times);
    }

    /** Answers the next request whose path contains {@code fragment} with 429 and a reset in {@code seconds}. */
    void rateLimitOnce(String fragment) {
        limitedOnce.put(fragment, 1);
    }

    int count(String pathPrefix) {
        synchronized (requests) {
            return (int) requests.stream().filter(r -> r.startsWith(pathPrefix)).count();
        }
    }

    void resetCounts() {
        requests.clear();
        tokenRequests = 0;
    }

    @Override
    protected void handle(HttpExchange x) throws IOException {
        URI uri = x.getRequestURI();
        String path = uri.getRawPath();
        String pathQuery = path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        if (path.equals("/oauth2/v1/token")) {
            tokenRequests++;
            token(x);
            return;
        }
        requests.add(x.getRequestMethod() + " " + pathQuery);
        Scripted o = overrides.get(path);
        if (o != null) {
            o.answer(x);
            return;
        }
        if (!authorised(x)) {
            error(x, 401, "E0000011", "Invalid token provided", Map.of());
            return;
        }
        for (var f : failures.entrySet()) {
            if (pathQuery.contains(f.getKey()) && f.getValue() > 0) {
                failures.put(f.getKey(), f.getValue() - 1);
                error(x, 500, "E0000009", "Internal Server Error", Map.of());
                return;
            }
        }
        for (String p : refused.keySet()) {
            if (path.startsWith(p)) {
                error(x, 403, "E0000006", "You do not have permission to perform the requested action", Map.of());
                return;
            }
        }
        for (var s : scopeMissing.entrySet()) {
            if (path.startsWith(s.getKey())) {
                error(x, 403, "E0000006", "You do not have permission to perform the requested action", Map.of("WWW-Authenticate",
                        "Bearer authorization_uri=\"" + endpoint() + "/oauth2/v1/authorize\", realm=\"" + endpoint() + "\", scope=\""
                                + s.getValue() + "\", error=\"insufficient_scope\", error_description=\"The access token provided does "
                                + "not contain the required scopes.\", resource=\"" + path + "\""));
                return;
            }
        }
        String bucket = bucket(path);
        for (var l : limitedOnce.entrySet()) {
            if (path.contains(l.getKey()) && l.getValue() > 0) {
                limitedOnce.put(l.getKey(), 0);
                error(x, 429, "E0000047", "API call exceeded rate limit due to too many requests.", rateHeaders(bucket, 0));
                return;
            }
        }
        int[] b = buckets.computeIfAbsent(bucket, k -> new int[] {0, 0});
        int remaining;
        synchronized (b) {
            long now = clock.get().getEpochSecond();
            if (now >= b[1]) {
                b[0] = bucketLimit;
                b[1] = (int) (now + rateLimitResetSeconds);
            }
            if (b[0] == 0) {
                error(x, 429, "E0000047", "API call exceeded rate limit due to too many requests.", rateHeaders(bucket, 0));
                return;
            }
            remaining = --b[0];
        }
        Map<String, String> headers = new HashMap<>(rateHeaders(bucket, remaining));
        headers.put("Content-Type", "application/json");
        Map<String, String> q = query(uri.getRawQuery());
        Matcher m;
        if (path.equals("/api/v1/users")) {
            listUsers(x, q, headers);
        } else if ((m = Pattern.compile("/api/v1/users/([^/]+)/factors").matcher(path)).matches()) {
            User u = users.get(m.group(1));
            if (u == null) {
                error(x, 404, "E0000007", "Not found: Resource not found: " + m.group(1) + " (User)", Map.of());
                return;
            }
            send(x, 200, headers, factors(u).toString());
        } else if ((m = Pattern.compile("/api/v1/users/([^/]+)").matcher(path)).matches()) {
            User u = users.get(m.group(1));
            if (u == null) {
                error(x, 404, "E0000007", "Not found: Resource not found: " + m.group(1) + " (User)", Map.of());
                return;
            }
            send(x, 200, headers, user(u).toString());
        } else if (path.equals("/api/v1/iam/assignees/users")) {
            listAdmins(x, q, headers);
        } else if (path.equals("/api/v1/logs")) {
            logs(x, q, headers);
        } else {
            error(x, 404, "E0000022", "The endpoint does not support the provided HTTP method", Map.of());
        }
    }

    private static String bucket(String path) {
        if (path.matches("/api/v1/users/[^/]+(/.*)?")) {
            return "/api/v1/users/{id}";
        }
        return path;
    }

    private Map<String, String> rateHeaders(String bucket, int remaining) {
        int[] b = buckets.computeIfAbsent(bucket, k -> new int[] {bucketLimit, (int) (clock.get().getEpochSecond() + rateLimitResetSeconds)});
        return Map.of("X-Rate-Limit-Limit", String.valueOf(bucketLimit), "X-Rate-Limit-Remaining", String.valueOf(remaining),
                "X-Rate-Limit-Reset", String.valueOf(b[1]));
    }

    private void listUsers(HttpExchange x, Map<String, String> q, Map<String, String> headers) throws IOException {
        int limit = Math.min(200, Integer.parseInt(q.getOrDefault("limit", "200")));
        List<User> all;
        synchronized (users) {
            all = users.values().stream().filter(u -> !"DEPROVISIONED".equals(u.status)).toList();
        }
        int start = 0;
        if (q.containsKey("after")) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id.equals(q.get("after"))) {
                    start = i + 1;
                }
            }
        }
        ArrayNode page = json.createArrayNode();
        for (int i = start; i < Math.min(all.size(), start + limit); i++) {
            page.add(user(all.get(i)));
        }
        String self = "<" + endpoint() + "/api/v1/users?limit=" + limit + ">; rel=\"self\"";
        x.getResponseHeaders().add("Link", self);
        if (start + limit < all.size()) {
            x.getResponseHeaders().add("Link", "<" + endpoint() + "/api/v1/users?after=" + all.get(start + limit - 1).id + "&limit=" + limit
                    + ">; rel=\"next\"");
        }
        send(x, 200, headers, page.toString());
    }

    private void listAdmins(HttpExchange x, Map<String, String> q, Map<String, String> headers) throws IOException {
        List<String> all = new ArrayList<>(new TreeSet<>(admins));
        int start = Integer.parseInt(q.getOrDefault("after", "0"));
        int limit = adminsPage;
        ObjectNode body = json.createObjectNode();
        ArrayNode value = body.putArray("value");
        for (int i = start; i < Math.min(all.size(), start + limit); i++) {
            ObjectNode a = value.addObject();
            a.put("id", all.get(i));
            a.put("orn", "orn:okta:directory:00o1:users:" + all.get(i));
            a.putObject("_links").putObject("self").put("href", endpoint() + "/api/v1/users/" + all.get(i));
        }
        if (start + limit < all.size()) {
            body.putObject("_links").putObject("next").put("href", endpoint() + "/api/v1/iam/assignees/users?after=" + (start + limit)
                    + "&limit=" + limit);
        }
        send(x, 200, headers, body.toString());
    }

    private void logs(HttpExchange x, Map<String, String> q, Map<String, String> headers) throws IOException {
        Instant since = Instant.parse(q.get("since"));
        Instant until = q.containsKey("until") ? Instant.parse(q.get("until")) : null;
        Set<String> types = new TreeSet<>();
        Matcher m = Pattern.compile("eventType eq \"([^\"]+)\"").matcher(q.getOrDefault("filter", ""));
        while (m.find()) {
            types.add(m.group(1));
        }
        int limit = Math.min(1000, Integer.parseInt(q.getOrDefault("limit", "100")));
        List<Event> match;
        synchronized (events) {
            match = events.stream().filter(e -> !e.published().isBefore(since) && (until == null || e.published().isBefore(until))
                    && (types.isEmpty() || types.contains(e.type()))).sorted((a, b) -> a.published().compareTo(b.published())).toList();
        }
        int start = Integer.parseInt(q.getOrDefault("after", "0"));
        ArrayNode page = json.createArrayNode();
        for (int i = start; i < Math.min(match.size(), start + limit); i++) {
            Event e = match.get(i);
            ObjectNode n = page.addObject();
            n.put("uuid", e.uuid());
            n.put("published", e.published().toString());
            n.put("eventType", e.type());
            n.put("severity", "INFO");
            n.putObject("actor").put("id", "00uadmin").put("type", "User");
            ArrayNode target = n.putArray("target");
            User u = users.get(e.userId());
            target.addObject().put("id", e.userId()).put("type", "User").put("alternateId", u == null ? "unknown" : u.login);
            if (e.type().startsWith("user.mfa.factor")) {
                target.addObject().put("id", "ufs123").put("type", "AuthenticatorEnrollment");
            }
        }
        if (start + limit < match.size() || until == null) {
            // Without until, Okta always sends a next link (polling); with until, only while there is more.
            String next = endpoint() + "/api/v1/logs?" + x.getRequestURI().getRawQuery().replaceAll("&?after=\\d+", "") + "&after="
                    + Math.min(match.size(), start + limit);
            x.getResponseHeaders().add("Link", "<" + next + ">; rel=\"next\"");
        }
        send(x, 200, headers, page.toString());
    }

    private ObjectNode user(User u) {
        ObjectNode n = json.createObjectNode();
        n.put("id", u.id);
        n.put("status", u.status);
        n.put("created", "2024-01-02T03:04:05.000Z");
        n.put("lastLogin", "2026-11-20T10:00:00.000Z");
        n.putObject("type").put("id", "oty1");
        ObjectNode p = n.putObject("profile");
        p.put("firstName", "First");
        p.put("lastName", "Last");
        p.put("login", u.login);
        p.put("email", u.login);
        n.putObject("credentials").putObject("provider").put("type", "OKTA").put("name", "OKTA");
        n.putObject("_links").putObject("self").put("href", endpoint() + "/api/v1/users/" + u.id);
        return n;
    }

    private ArrayNode factors(User u) {
        ArrayNode a = json.createArrayNode();
        u.factors.forEach((fid, type) -> {
            ObjectNode f = a.addObject();
            f.put("id", fid);
            f.put("factorType", type);
            f.put("provider", type.equals("token:hardware") ? "YUBICO" : type.startsWith("token:software") ? "GOOGLE" : "OKTA");
            f.put("vendorName", "OKTA");
            f.put("status", u.factorStatus.get(fid));
            f.put("created", "2024-01-02T03:04:05.000Z");
            f.putObject("profile");
        });
        return a;
    }

    private boolean authorised(HttpExchange x) {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (auth == null) {
            return false;
        }
        if (auth.equals("SSWS " + TOKEN)) {
            return true;
        }
        if (auth.startsWith("Bearer ") && !requireDpop) {
            return issued.contains(auth.substring(7));
        }
        if (auth.startsWith("DPoP ") && requireDpop && issued.contains(auth.substring(5))) {
            return validResourceProof(x, auth.substring(5));
        }
        return false;
    }

    private boolean validResourceProof(HttpExchange x, String token) {
        try {
            SignedJWT proof = SignedJWT.parse(x.getRequestHeaders().getFirst("DPoP"));
            var c = proof.getJWTClaimsSet();
            String ath = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
            String htu = endpoint() + x.getRequestURI().getRawPath();
            return "dpop+jwt".equals(proof.getHeader().getType().toString()) && x.getRequestMethod().equals(c.getStringClaim("htm"))
                    && htu.equals(c.getStringClaim("htu")) && ath.equals(c.getStringClaim("ath"))
                    && proof.verify(new RSASSAVerifier(((RSAKey) proof.getHeader().getJWK()).toRSAPublicKey()));
        } catch (Exception e) {
            return false;
        }
    }

    private void token(HttpExchange x) throws IOException {
        Map<String, String> form = query(body(x));
        if (!"client_credentials".equals(form.get("grant_type"))
                || !"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))) {
            oauthError(x, 400, "invalid_request", "The request is missing a required parameter.", null);
            return;
        }
        try {
            SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
            var c = assertion.getJWTClaimsSet();
            boolean ok = appKey != null && assertion.verify(new RSASSAVerifier(appKey.toRSAPublicKey()))
                    && CLIENT_ID.equals(c.getIssuer()) && CLIENT_ID.equals(c.getSubject())
                    && c.getAudience().contains(endpoint() + "/oauth2/v1/token") && c.getExpirationTime().toInstant().isAfter(Instant.now())
                    && (assertion.getHeader().getKeyID() == null || assertion.getHeader().getKeyID().equals(appKey.getKeyID()));
            if (!ok) {
                oauthError(x, 401, "invalid_client", "The client_assertion signature is invalid.", null);
                return;
            }
        } catch (Exception e) {
            oauthError(x, 401, "invalid_client", "The client_assertion is not a valid JWT.", null);
            return;
        }
        Set<String> asked = new TreeSet<>(List.of(form.getOrDefault("scope", "").split(" ")));
        if (!grantedScopes.containsAll(asked)) {
            oauthError(x, 400, "invalid_scope", "The following scopes are not allowed: " + asked, null);
            return;
        }
        String dpop = x.getRequestHeaders().getFirst("DPoP");
        if (requireDpop) {
            if (dpop == null) {
                oauthError(x, 400, "invalid_dpop_proof", "The DPoP proof JWT header is missing.", null);
                return;
            }
            try {
                SignedJWT proof = SignedJWT.parse(dpop);
                if (!nonce.equals(proof.getJWTClaimsSet().getStringClaim("nonce"))) {
                    oauthError(x, 400, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof.", nonce);
                    return;
                }
            } catch (java.text.ParseException e) {
                oauthError(x, 400, "invalid_dpop_proof", "The DPoP proof JWT is malformed.", null);
                return;
            }
        }
        String token = "eyJ-canary-access-" + UUID.randomUUID();
        issued.add(token);
        ObjectNode n = json.createObjectNode();
        n.put("token_type", requireDpop ? "DPoP" : "Bearer");
        n.put("expires_in", 3600);
        n.put("access_token", token);
        n.put("scope", String.join(" ", asked));
        send(x, 200, Map.of("Content-Type", "application/json", "Cache-Control", "no-store"), n.toString());
    }

    private void oauthError(HttpExchange x, int status, String code, String description, String dpopNonce) throws IOException {
        Map<String, String> h = new HashMap<>(Map.of("Content-Type", "application/json"));
        if (dpopNonce != null) {
            h.put("DPoP-Nonce", dpopNonce);
        }
        send(x, status, h, json.createObjectNode().put("error", code).put("error_description", description).toString());
    }

    private void error(HttpExchange x, int status, String code, String summary, Map<String, String> extra) throws IOException {
        ObjectNode n = json.createObjectNode();
        n.put("errorCode", code);
        n.put("errorSummary", summary);
        n.put("errorLink", code);
        n.put("errorId", "oae" + UUID.randomUUID().toString().substring(0, 8));
        n.putArray("errorCauses");
        Map<String, String> h = new HashMap<>(extra);
        h.put("Content-Type", "application/json");
        send(x, status, h, n.toString());
    }
}
