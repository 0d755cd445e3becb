package dev.mfawatch.monitor.google;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import dev.mfawatch.spi.contract.LoopbackHttpService;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback Google: the OAuth token endpoint of a service account key (checks the signed JWT, the
 * subject and the delegated scopes), the Directory API's users (500 a page, {@code nextPageToken})
 * and the Reports API's login and admin activities (no {@code items} when there are none, as
 * Google does), Google's error objects and rate-limit reasons.
 */
final class FakeGoogle extends LoopbackHttpService {

    static final String ADMIN = "admin@example.test";
    static final String CLIENT_EMAIL = "mfa-watch@example-project.iam.gserviceaccount.com";
    static final String CLIENT_ID = "109876543210987654321";
    static final Set<String> ALL_SCOPES = Set.of("https://www.googleapis.com/auth/admin.directory.user.readonly",
            "https://www.googleapis.com/auth/admin.reports.audit.readonly");

    /** One user. */
    static final class User {
        final String id;
        String email;
        boolean enrolled;
        boolean enforced;
        boolean superAdmin;
        boolean delegatedAdmin;
        boolean suspended;
        boolean archived;

        User(String id, String email) {
            this.id = id;
            this.email = email;
        }
    }

    private record Activity(String app, String name, String type, Instant at, String unique, String userId, String email) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final KeyPair key;
    private final Map<String, User> users = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Activity> activities = Collections.synchronizedList(new ArrayList<>());
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> issued = new ConcurrentHashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final Map<String, Integer> limited = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private volatile Supplier<Instant> clock = Instant::now;
    volatile Set<String> delegatedScopes = ALL_SCOPES;
    volatile Set<String> admins = Set.of(ADMIN);
    volatile int tokenRequests;
    volatile boolean hideTwoStep;

    FakeGoogle() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            key = g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a service account key file whose token_uri is this fake. */
    Path keyFile(Path dir) throws IOException {
        ObjectNode n = json.createObjectNode();
        n.put("type", "service_account");
        n.put("project_id", "example-project");
        n.put("private_key_id", "0123456789abcdef");
        n.put("private_key", "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        n.put("client_email", CLIENT_EMAIL);
        n.put("client_id", CLIENT_ID);
        n.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        n.put("token_uri", endpoint() + "/token");
        Path file = dir.resolve("service-account.json");
        Files.writeString(file, n.toPrettyString());
        return file;
    }

    /** The private key's PEM, to check that it reaches no log. */
    String privateKeyBase64() {
        return Base64.getEncoder().encodeToString(key.getPrivate().getEncoded()).substring(40, 100);
    }

    String endpoint() {
        return baseUri().toString();
    }

    void clock(Supplier<Instant> c) {
        clock = c;
    }

    User user(String id, String email) {
        User u = new User(id, email);
        users.put(id, u);
        return u;
    }

    User get(String id) {
        return users.get(id);
    }

    void delete(String id) {
        users.remove(id);
    }

    /** A login event by the user, e.g. {@code 2sv_enroll}. */
    void login(String name, String userId, Instant at) {
        User u = users.get(userId);
        activities.add(new Activity("login", name, "2sv_change", at, "-" + UUID.randomUUID().getMostSignificantBits(), userId,
                u == null ? "gone@example.test" : u.email));
    }

    /** An admin event about a user, e.g. {@code SUSPEND_USER}. */
    void admin(String name, String email, Instant at) {
        activities.add(new Activity("admin", name, "USER_SETTINGS", at, "-" + UUID.randomUUID().getMostSignificantBits(), "", email));
    }

    void refuse(String pathPrefix) {
        refused.put(pathPrefix, "Not Authorized to access this resource/api");
    }

    void rateLimitOnce(String pathPrefix) {
        limited.put(pathPrefix, 1);
    }

    void fail(String fragment, int times) {
        failures.put(fragment, times);
    }

    int count(String prefix) {
        synchronized (requests) {
            return (int) requests.stream().filter(r -> r.startsWith(prefix)).count();
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
        if (path.equals("/token")) {
            tokenRequests++;
            token(x);
            return;
        }
        String pathQuery = path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        requests.add(x.getRequestMethod() + " " + pathQuery);
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !issued.containsKey(auth.substring(7))) {
            error(x, 401, "authError", "Invalid Credentials", "UNAUTHENTICATED");
            return;
        }
        if (!admins.contains(issued.get(auth.substring(7)))) {
            error(x, 403, "forbidden", "Not Authorized to access this resource/api", "PERMISSION_DENIED");
            return;
        }
        for (var f : failures.entrySet()) {
            if (pathQuery.contains(f.getKey()) && f.getValue() > 0) {
                failures.put(f.getKey(), f.getValue() - 1);
                error(x, 503, "backendError", "Backend Error", "UNAVAILABLE");
                return;
            }
        }
        for (var r : refused.entrySet()) {
            if (path.startsWith(r.getKey())) {
                error(x, 403, "forbidden", r.getValue(), "PERMISSION_DENIED");
                return;
            }
        }
        for (var l : limited.entrySet()) {
            if (path.startsWith(l.getKey()) && l.getValue() > 0) {
                limited.put(l.getKey(), 0);
                error(x, 403, "userRateLimitExceeded", "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user'",
                        "PERMISSION_DENIED");
                return;
            }
        }
        Map<String, String> q = query(uri.getRawQuery());
        Matcher m;
        if (path.equals("/admin/directory/v1/users")) {
            List<User> all;
            synchronized (users) {
                all = new ArrayList<>(users.values());
            }
            int max = Math.min(500, Integer.parseInt(q.getOrDefault("maxResults", "100")));
            int start = Integer.parseInt(q.getOrDefault("pageToken", "0"));
            ObjectNode body = json.createObjectNode().put("kind", "admin#directory#users").put("etag", "\"e\"");
            ArrayNode list = body.putArray("users");
            for (int i = start; i < Math.min(all.size(), start + max); i++) {
                list.add(user(all.get(i)));
            }
            if (start + max < all.size()) {
                body.put("nextPageToken", String.valueOf(start + max));
            }
            json(x, body);
        } else if ((m = Pattern.compile("/admin/directory/v1/users/([^/]+)").matcher(path)).matches()) {
            String key = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            User u;
            synchronized (users) {
                u = users.values().stream().filter(v -> v.id.equals(key) || v.email.equalsIgnoreCase(key)).findFirst().orElse(null);
            }
            if (u == null) {
                error(x, 404, "notFound", "Resource Not Found: userKey", "NOT_FOUND");
                return;
            }
            json(x, user(u));
        } else if ((m = Pattern.compile("/admin/reports/v1/activity/users/all/applications/(login|admin)").matcher(path)).matches()) {
            activities(x, m.group(1), q);
        } else {
            error(x, 404, "notFound", "Not Found", "NOT_FOUND");
        }
    }

    private ObjectNode user(User u) {
        ObjectNode n = json.createObjectNode();
        n.put("kind", "admin#directory#user");
        n.put("id", u.id);
        n.put("primaryEmail", u.email);
        n.putObject("name").put("fullName", u.email);
        n.put("isAdmin", u.superAdmin);
        n.put("isDelegatedAdmin", u.delegatedAdmin);
        n.put("lastLoginTime", "2026-11-20T10:00:00.000Z");
        n.put("creationTime", "2024-01-02T03:04:05.000Z");
        n.put("suspended", u.suspended);
        n.put("archived", u.archived);
        n.put("orgUnitPath", "/");
        if (!hideTwoStep) {
            n.put("isEnrolledIn2Sv", u.enrolled);
            n.put("isEnforcedIn2Sv", u.enforced);
        }
        return n;
    }

    private void activities(HttpExchange x, String app, Map<String, String> q) throws IOException {
        Instant from = Instant.parse(q.get("startTime"));
        Instant to = q.containsKey("endTime") ? Instant.parse(q.get("endTime")) : Instant.MAX;
        String name = q.get("eventName");
        ObjectNode body = json.createObjectNode().put("kind", "admin#reports#activities");
        ArrayNode items = null;
        synchronized (activities) {
            for (Activity a : activities) {
                if (!a.app().equals(app) || a.at().isBefore(from) || a.at().isAfter(to) || name != null && !name.equals(a.name())) {
                    continue;
                }
                if (items == null) {
                    items = body.putArray("items");
                }
                ObjectNode n = items.addObject();
                n.put("kind", "admin#reports#activity");
                n.putObject("id").put("time", a.at().toString()).put("uniqueQualifier", a.unique()).put("applicationName", app)
                        .put("customerId", "C01abcdef");
                if (app.equals("login")) {
                    n.putObject("actor").put("email", a.email()).put("profileId", a.userId());
                    ObjectNode e = n.putArray("events").addObject().put("type", a.type()).put("name", a.name());
                    e.putArray("parameters").addObject().put("name", "login_type").put("value", "google_password");
                } else {
                    n.putObject("actor").put("email", ADMIN).put("profileId", "100000000000000000001");
                    ObjectNode e = n.putArray("events").addObject().put("type", a.type()).put("name", a.name());
                    e.putArray("parameters").addObject().put("name", "USER_EMAIL").put("value", a.email());
                }
            }
        }
        json(x, body);
    }

    private void token(HttpExchange x) throws IOException {
        Map<String, String> form = query(body(x));
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            oauthError(x, 400, "unsupported_grant_type", "Invalid grant_type");
            return;
        }
        String subject;
        try {
            SignedJWT jwt = SignedJWT.parse(form.get("assertion"));
            var c = jwt.getJWTClaimsSet();
            if (!jwt.verify(new RSASSAVerifier((RSAPublicKey) key.getPublic())) || !CLIENT_EMAIL.equals(c.getIssuer())
                    || !c.getAudience().contains("https://oauth2.googleapis.com/token")) {
                oauthError(x, 400, "invalid_grant", "Invalid JWT Signature.");
                return;
            }
            subject = c.getSubject();
            if (subject == null || !subject.endsWith("@example.test")) {
                oauthError(x, 400, "invalid_grant", "Invalid email or User ID");
                return;
            }
            Set<String> asked = Set.of(c.getStringClaim("scope").split(" "));
            if (!delegatedScopes.containsAll(asked)) {
                oauthError(x, 401, "unauthorized_client", "Client is unauthorized to retrieve access tokens using this method, or client "
                        + "not authorized for any of the scopes requested.");
                return;
            }
        } catch (Exception e) {
            oauthError(x, 400, "invalid_grant", "Invalid JWT.");
            return;
        }
        String token = "ya29.canary-google-token-" + UUID.randomUUID();
        issued.put(token, subject);
        send(x, 200, Map.of("Content-Type", "application/json; charset=utf-8"), json.createObjectNode().put("access_token", token)
                .put("expires_in", 3599).put("token_type", "Bearer").toString());
    }

    private void oauthError(HttpExchange x, int status, String code, String description) throws IOException {
        send(x, status, Map.of("Content-Type", "application/json; charset=utf-8"),
                json.createObjectNode().put("error", code).put("error_description", description).toString());
    }

    private void json(HttpExchange x, ObjectNode body) throws IOException {
        send(x, 200, Map.of("Content-Type", "application/json; charset=UTF-8"), body.toString());
    }

    private void error(HttpExchange x, int status, String reason, String message, String grpcStatus) throws IOException {
        ObjectNode n = json.createObjectNode();
        ObjectNode e = n.putObject("error").put("code", status).put("message", message);
        e.putArray("errors").addObject().put("message", message).put("domain", "global").put("reason", reason);
        e.put("status", grpcStatus);
        send(x, status, Map.of("Content-Type", "application/json; charset=UTF-8"), n.toString());
    }
}
