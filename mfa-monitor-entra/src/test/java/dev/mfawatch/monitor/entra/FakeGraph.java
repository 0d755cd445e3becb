package dev.mfawatch.monitor.entra;

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
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
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
 * A loopback Microsoft Graph and Entra ID sign-in endpoint, over TLS (msal4j refuses a plain-http
 * authority): the client-credentials token endpoint (secret or certificate assertion, AADSTS errors),
 * users and the registration report paged by {@code @odata.nextLink}, the report as a cached copy
 * refreshed only when the test says so, live authentication methods, the directory audit log with
 * its {@code $filter}, security defaults, Conditional Access policies, Graph's error objects and
 * throttling.
 */
final class FakeGraph extends LoopbackHttpService {

    static final String TENANT = "11111111-2222-3333-4444-555555555555";
    static final String CLIENT_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    static final String SECRET = "canary~entra~client~secret~42";

    /** One user, as the directory holds it now. */
    static final class User {
        final String id;
        String upn;
        boolean enabled = true;
        String userType = "Member";
        boolean admin;
        final List<String> methods = new ArrayList<>(List.of("password"));

        User(String id, String upn) {
            this.id = id;
            this.upn = upn;
        }

        User with(String... kinds) {
            methods.addAll(List.of(kinds));
            return this;
        }

        User only(String... kinds) {
            methods.clear();
            methods.add("password");
            methods.addAll(List.of(kinds));
            return this;
        }
    }

    /** One Conditional Access policy. */
    record Policy(String id, String name, String state, List<String> controls, boolean strength) {
    }

    private record Audit(String id, Instant at, String activity, String userId) {
    }

    private static final Map<String, String> REPORT_NAMES = Map.of("microsoftAuthenticator", "microsoftAuthenticatorPush",
            "phone", "mobilePhone", "fido2", "fido2", "softwareOath", "softwareOneTimePasscode", "windowsHelloForBusiness",
            "windowsHelloForBusiness", "email", "email", "temporaryAccessPass", "temporaryAccessPass");

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, User> users = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile List<ObjectNode> report = List.of();
    private final List<Audit> audits = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Policy> policies = Collections.synchronizedMap(new LinkedHashMap<>());
    volatile boolean securityDefaults;
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String[]> refused = new ConcurrentHashMap<>();
    private final Map<String, Integer> throttleOnce = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private volatile Supplier<Instant> clock = Instant::now;
    volatile int pageSize = 999;
    volatile int tokenRequests;
    volatile RSAPublicKey certificateKey;
    volatile String secret = SECRET;

    FakeGraph() {
        super(true);
    }

    String endpoint() {
        return baseUri().toString();
    }

    void clock(Supplier<Instant> c) {
        clock = c;
    }

    User user(String id, String upn) {
        User u = new User(id, upn);
        users.put(id, u);
        return u;
    }

    User get(String id) {
        return users.get(id);
    }

    void delete(String id) {
        users.remove(id);
    }

    void policy(String id, String name, String state, String... controls) {
        policies.put(id, new Policy(id, name, state, List.of(controls), false));
    }

    /** Microsoft rebuilds its cached registration report: rows for enabled users, as they are now. */
    void refreshReport() {
        Instant now = clock.get();
        List<ObjectNode> rows = new ArrayList<>();
        synchronized (users) {
            for (User u : users.values()) {
                if (!u.enabled) {
                    continue;
                }
                ObjectNode r = json.createObjectNode();
                r.put("id", u.id);
                r.put("userPrincipalName", u.upn);
                r.put("userDisplayName", u.upn);
                r.put("userType", u.userType.toLowerCase());
                r.put("isAdmin", u.admin);
                ArrayNode m = r.putArray("methodsRegistered");
                boolean mfa = false;
                for (String k : u.methods) {
                    if (REPORT_NAMES.containsKey(k)) {
                        m.add(REPORT_NAMES.get(k));
                        mfa |= !k.equals("email") && !k.equals("temporaryAccessPass");
                    }
                }
                r.put("isMfaRegistered", mfa);
                r.put("isMfaCapable", mfa);
                r.put("lastUpdatedDateTime", now.toString());
                rows.add(r);
            }
        }
        report = rows;
    }

    void audit(String activity, String userId) {
        audit(activity, userId, clock.get());
    }

    void audit(String activity, String userId, Instant at) {
        audits.add(new Audit("Directory_" + UUID.randomUUID(), at, activity, userId));
    }

    void refuse(String pathPrefix, String code, String message) {
        refused.put(pathPrefix, new String[] {code, message});
    }

    void throttleOnce(String pathPrefix) {
        throttleOnce.put(pathPrefix, 1);
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
        if (path.equals("/" + TENANT + "/oauth2/v2.0/token")) {
            tokenRequests++;
            token(x);
            return;
        }
        String pathQuery = path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        requests.add(x.getRequestMethod() + " " + pathQuery);
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !issued.contains(auth.substring(7))) {
            error(x, 401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.", Map.of());
            return;
        }
        for (var f : failures.entrySet()) {
            if (pathQuery.contains(f.getKey()) && f.getValue() > 0) {
                failures.put(f.getKey(), f.getValue() - 1);
                error(x, 500, "generalException", "An unexpected error occurred.", Map.of());
                return;
            }
        }
        for (var r : refused.entrySet()) {
            if (path.startsWith(r.getKey())) {
                error(x, 403, r.getValue()[0], r.getValue()[1], Map.of());
                return;
            }
        }
        for (var t : throttleOnce.entrySet()) {
            if (path.startsWith(t.getKey()) && t.getValue() > 0) {
                throttleOnce.put(t.getKey(), 0);
                error(x, 429, "TooManyRequests", "Too many requests.", Map.of("Retry-After", "7"));
                return;
            }
        }
        Map<String, String> q = query(uri.getRawQuery());
        Matcher m;
        if (path.equals("/v1.0/users")) {
            List<ObjectNode> all = new ArrayList<>();
            synchronized (users) {
                users.values().forEach(u -> all.add(user(u)));
            }
            page(x, path, q, all);
        } else if (path.equals("/v1.0/reports/authenticationMethods/userRegistrationDetails")) {
            page(x, path, q, report);
        } else if ((m = Pattern.compile("/v1.0/users/([^/]+)/authentication/methods").matcher(path)).matches()) {
            User u = users.get(m.group(1));
            if (u == null) {
                error(x, 404, "Request_ResourceNotFound", "Resource '" + m.group(1) + "' does not exist.", Map.of());
                return;
            }
            ObjectNode body = json.createObjectNode();
            ArrayNode value = body.putArray("value");
            for (String k : u.methods) {
                value.addObject().put("@odata.type", "#microsoft.graph." + k + "AuthenticationMethod").put("id", UUID.randomUUID().toString());
            }
            json(x, body);
        } else if ((m = Pattern.compile("/v1.0/users/([^/]+)").matcher(path)).matches()) {
            User u = users.get(m.group(1));
            if (u == null) {
                error(x, 404, "Request_ResourceNotFound", "Resource '" + m.group(1) + "' does not exist.", Map.of());
                return;
            }
            json(x, user(u));
        } else if (path.equals("/v1.0/auditLogs/directoryAudits")) {
            audits(x, q);
        } else if (path.equals("/v1.0/policies/identitySecurityDefaultsEnforcementPolicy")) {
            json(x, json.createObjectNode().put("id", "00000000-0000-0000-0000-000000000005").put("displayName", "Security Defaults")
                    .put("isEnabled", securityDefaults));
        } else if (path.equals("/v1.0/identity/conditionalAccess/policies")) {
            ObjectNode body = json.createObjectNode();
            ArrayNode value = body.putArray("value");
            synchronized (policies) {
                for (Policy p : policies.values()) {
                    ObjectNode n = value.addObject().put("id", p.id()).put("displayName", p.name()).put("state", p.state());
                    ObjectNode g = n.putObject("grantControls").put("operator", "OR");
                    ArrayNode c = g.putArray("builtInControls");
                    p.controls().forEach(c::add);
                    if (p.strength()) {
                        g.putObject("authenticationStrength").put("id", "00000000-0000-0000-0000-000000000002");
                    } else {
                        g.putNull("authenticationStrength");
                    }
                }
            }
            json(x, body);
        } else {
            error(x, 400, "BadRequest", "Resource not found for the segment '" + path + "'.", Map.of());
        }
    }

    private ObjectNode user(User u) {
        ObjectNode n = json.createObjectNode();
        n.put("id", u.id);
        n.put("userPrincipalName", u.upn);
        n.put("accountEnabled", u.enabled);
        n.put("userType", u.userType);
        return n;
    }

    private void page(HttpExchange x, String path, Map<String, String> q, List<ObjectNode> all) throws IOException {
        int top = Math.min(pageSize, Integer.parseInt(q.getOrDefault("$top", "100")));
        int skip = Integer.parseInt(q.getOrDefault("$skiptoken", "0"));
        ObjectNode body = json.createObjectNode();
        body.put("@odata.context", endpoint() + "/v1.0/$metadata#" + path);
        ArrayNode value = body.putArray("value");
        for (int i = skip; i < Math.min(all.size(), skip + top); i++) {
            value.add(all.get(i));
        }
        if (skip + top < all.size()) {
            String others = q.entrySet().stream().filter(e -> !e.getKey().equals("$skiptoken"))
                    .map(e -> e.getKey() + "=" + e.getValue().replace(" ", "%20")).reduce((a, b) -> a + "&" + b).orElse("");
            body.put("@odata.nextLink", endpoint() + path + "?" + others + "&$skiptoken=" + (skip + top));
        }
        json(x, body);
    }

    private void audits(HttpExchange x, Map<String, String> q) throws IOException {
        String filter = q.getOrDefault("$filter", "");
        Matcher ge = Pattern.compile("activityDateTime ge (\\S+)").matcher(filter);
        Matcher le = Pattern.compile("activityDateTime le (\\S+)").matcher(filter);
        Instant from = ge.find() ? Instant.parse(ge.group(1)) : Instant.MIN;
        Instant to = le.find() ? Instant.parse(le.group(1)) : Instant.MAX;
        boolean userEvents = filter.contains("category eq 'UserManagement'");
        ObjectNode body = json.createObjectNode();
        ArrayNode value = body.putArray("value");
        synchronized (audits) {
            for (Audit a : audits) {
                if (a.at().isBefore(from) || a.at().isAfter(to) || !userEvents) {
                    continue;
                }
                ObjectNode n = value.addObject();
                n.put("id", a.id());
                n.put("category", "UserManagement");
                n.put("activityDateTime", a.at().toString());
                n.put("activityDisplayName", a.activity());
                n.put("loggedByService", a.activity().contains("security info") ? "Authentication Methods" : "Core Directory");
                n.put("result", "success");
                User u = users.get(a.userId());
                n.putArray("targetResources").addObject().put("id", a.userId()).put("type", "User")
                        .put("userPrincipalName", u == null ? "gone@contoso.test" : u.upn);
            }
        }
        json(x, body);
    }

    private void token(HttpExchange x) throws IOException {
        Map<String, String> form = query(body(x));
        if (!"client_credentials".equals(form.get("grant_type"))) {
            oauthError(x, 400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
            return;
        }
        if (!CLIENT_ID.equals(form.get("client_id"))) {
            oauthError(x, 400, "unauthorized_client", "AADSTS700016: Application with identifier '" + form.get("client_id")
                    + "' was not found in the directory '" + TENANT + "'.");
            return;
        }
        if (form.containsKey("client_secret")) {
            if (!secret.equals(form.get("client_secret"))) {
                oauthError(x, 401, "invalid_client", "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in "
                        + "the request is the client secret value, not the client secret ID.");
                return;
            }
        } else {
            try {
                SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
                boolean ok = certificateKey != null && assertion.verify(new RSASSAVerifier(certificateKey))
                        && CLIENT_ID.equals(assertion.getJWTClaimsSet().getIssuer())
                        && assertion.getJWTClaimsSet().getAudience().stream().anyMatch(a -> a.contains("/" + TENANT + "/"));
                if (!ok) {
                    oauthError(x, 401, "invalid_client", "AADSTS700027: The certificate with identifier used to sign the client "
                            + "assertion is not registered on application.");
                    return;
                }
            } catch (Exception e) {
                oauthError(x, 401, "invalid_client", "AADSTS700027: Client assertion failed signature validation.");
                return;
            }
        }
        // msal4j adds openid, profile and offline_access, which Entra ignores for client credentials
        if (!List.of(form.getOrDefault("scope", "").split(" ")).contains(endpoint() + "/.default")) {
            oauthError(x, 400, "invalid_scope", "AADSTS1002012: The provided value for scope " + form.get("scope") + " is not valid.");
            return;
        }
        String token = "eyJ0eXAi.canary-graph-token." + UUID.randomUUID();
        issued.add(token);
        ObjectNode n = json.createObjectNode().put("token_type", "Bearer").put("expires_in", 3599).put("ext_expires_in", 3599)
                .put("access_token", token);
        send(x, 200, Map.of("Content-Type", "application/json; charset=utf-8"), n.toString());
    }

    private void oauthError(HttpExchange x, int status, String code, String description) throws IOException {
        ObjectNode n = json.createObjectNode().put("error", code).put("error_description", description + "\r\nTrace ID: "
                + UUID.randomUUID() + "\r\nCorrelation ID: " + UUID.randomUUID() + "\r\nTimestamp: 2026-11-23 08:00:00Z");
        n.putArray("error_codes").add(Integer.parseInt(description.replaceAll("^AADSTS(\\d+).*$", "$1")));
        send(x, status, Map.of("Content-Type", "application/json; charset=utf-8"), n.toString());
    }

    private void json(HttpExchange x, ObjectNode body) throws IOException {
        send(x, 200, Map.of("Content-Type", "application/json;odata.metadata=minimal"), body.toString());
    }

    private void error(HttpExchange x, int status, String code, String message, Map<String, String> extra) throws IOException {
        ObjectNode n = json.createObjectNode();
        ObjectNode e = n.putObject("error").put("code", code).put("message", message);
        e.putObject("innerError").put("date", "2026-11-23T08:00:00").put("request-id", UUID.randomUUID().toString());
        Map<String, String> h = new HashMap<>(extra);
        h.put("Content-Type", "application/json");
        send(x, status, h, n.toString());
    }
}
