package dev.mfawatch.monitor.entra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.AccountId;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.MonitorException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Turns Graph's users, registration report rows and authentication methods into accounts. */
final class EntraUsers {

    /** Report method names for phone numbers: SMS and voice calls, which a SIM swap or a phishing page takes. */
    static final Set<String> PHONE = Set.of("mobilePhone", "alternateMobilePhone", "officePhone");
    /** Report method names that are no second factor (self-service password reset, legacy app passwords, one-off passes). */
    static final Set<String> NOT_A_FACTOR = Set.of("email", "securityQuestion", "appPassword", "temporaryAccessPass");
    /** Live method types that are no second factor. */
    static final Set<String> LIVE_NOT_A_FACTOR = Set.of("password", "email", "temporaryAccessPass");

    static final String READ_AT = "readAt";

    private EntraUsers() {
    }

    static String id(JsonNode user) {
        String id = user.path("id").asText("");
        if (id.isBlank()) {
            throw new MonitorException("Graph sent a user without an id; the scan is dropped");
        }
        return id;
    }

    /** Whether the user can sign in; a missing {@code accountEnabled} is a hidden answer, not a no. */
    static boolean enabled(JsonNode user) {
        JsonNode e = user.path("accountEnabled");
        if (!e.isBoolean()) {
            throw new MonitorException("Graph sent user " + id(user) + " without accountEnabled, so whether it can sign in is hidden; "
                    + "grant the app User.Read.All");
        }
        return e.asBoolean();
    }

    static boolean guest(JsonNode user) {
        return "guest".equalsIgnoreCase(user.path("userType").asText(""));
    }

    private static Map<String, String> details(JsonNode user, boolean admin) {
        Map<String, String> d = new TreeMap<>();
        d.put("userType", user.path("userType").asText("member").isBlank() ? "member" : user.path("userType").asText("member"));
        d.put("role", admin ? "admin" : "user");
        return d;
    }

    private static String name(JsonNode user) {
        return user.path("userPrincipalName").asText(id(user));
    }

    /** An account that cannot be signed in to, or a guest left to its home tenant. */
    static Account notApplicable(JsonNode user, boolean admin, String why) {
        Map<String, String> d = details(user, admin);
        d.put("notApplicable", why);
        return new Account(AccountId.of(accountId(id(user))), name(user), MfaState.NOT_APPLICABLE, false, admin, d);
    }

    static String accountId(String objectId) {
        return "entra:" + objectId;
    }

    /** From a registration report row (cached by Microsoft, see {@code lastUpdatedDateTime}). */
    static Account fromReport(JsonNode user, JsonNode row) {
        JsonNode registered = row.path("isMfaRegistered");
        JsonNode methods = row.path("methodsRegistered");
        if (!registered.isBoolean() || !methods.isArray()) {
            throw new MonitorException("the MFA registration report's row for " + name(user) + " has no isMfaRegistered or "
                    + "methodsRegistered, so its MFA is hidden; the scan is dropped");
        }
        boolean admin = row.path("isAdmin").asBoolean(false);
        Set<String> all = new TreeSet<>();
        methods.forEach(m -> all.add(m.asText()));
        Set<String> strong = new TreeSet<>(all);
        strong.removeAll(PHONE);
        strong.removeAll(NOT_A_FACTOR);
        boolean on = registered.asBoolean();
        Map<String, String> d = details(user, admin);
        if (!all.isEmpty()) {
            d.put("methods", String.join(",", all));
        }
        String updated = row.path("lastUpdatedDateTime").asText("");
        if (!updated.isBlank()) {
            d.put("reportUpdated", updated);
        }
        return new Account(AccountId.of(accountId(id(user))), name(user), on ? MfaState.ENABLED : MfaState.DISABLED,
                on && strong.isEmpty(), admin, d);
    }

    /** From the user's live authentication methods (not cached). */
    static Account fromMethods(JsonNode user, List<JsonNode> methods, boolean admin, Instant readAt) {
        Set<String> kinds = new TreeSet<>();
        for (JsonNode m : methods) {
            String type = m.path("@odata.type").asText("");
            if (type.isBlank()) {
                throw new MonitorException("Graph sent an authentication method of " + name(user) + " without its @odata.type; "
                        + "the scan is dropped");
            }
            kinds.add(kind(type));
        }
        Set<String> factors = new TreeSet<>(kinds);
        factors.removeAll(LIVE_NOT_A_FACTOR);
        Set<String> strong = new TreeSet<>(factors);
        strong.remove("phone");
        Map<String, String> d = details(user, admin);
        if (!kinds.isEmpty()) {
            d.put("methods", String.join(",", kinds));
        }
        d.put(READ_AT, readAt.toString());
        boolean on = !factors.isEmpty();
        return new Account(AccountId.of(accountId(id(user))), name(user), on ? MfaState.ENABLED : MfaState.DISABLED,
                on && strong.isEmpty(), admin, d);
    }

    /** {@code #microsoft.graph.fido2AuthenticationMethod} → {@code fido2}. */
    static String kind(String odataType) {
        String t = odataType.startsWith("#microsoft.graph.") ? odataType.substring("#microsoft.graph.".length()) : odataType;
        return t.endsWith("AuthenticationMethod") ? t.substring(0, t.length() - "AuthenticationMethod".length()) : t;
    }

    /** When an earlier scan read the account live, or {@code null}. */
    static @Nullable Instant readAt(@Nullable Account a) {
        if (a == null || a.details().get(READ_AT) == null) {
            return null;
        }
        try {
            return Instant.parse(a.details().get(READ_AT));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
