package dev.mfawatch.monitor.okta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.AccountId;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.MonitorException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Turns Okta's user and factor objects into accounts. */
final class OktaUsers {

    /** Statuses of users who cannot sign in; their factors are not read. */
    static final Set<String> CANNOT_SIGN_IN = Set.of("SUSPENDED", "LOCKED_OUT", "STAGED", "DEPROVISIONED");
    /** Factors a phishing page can relay or a SIM swap can take. */
    static final Set<String> WEAK = Set.of("sms", "call", "email", "question");

    private OktaUsers() {
    }

    static String id(JsonNode user) {
        String id = user.path("id").asText("");
        if (id.isBlank()) {
            throw new MonitorException("Okta sent a user without an id; the answer cannot be trusted, the scan is dropped");
        }
        return id;
    }

    static String status(JsonNode user) {
        String status = user.path("status").asText("");
        if (status.isBlank()) {
            throw new MonitorException("Okta sent user " + id(user) + " without a status, so whether it can sign in is hidden; "
                    + "give the credential a role that reads whole user objects (Read-only Administrator)");
        }
        return status;
    }

    static boolean canSignIn(JsonNode user) {
        return !CANNOT_SIGN_IN.contains(status(user));
    }

    /**
     * The account of one user.
     *
     * @param user    the user object
     * @param factors the user's factors, or {@code null} for a user who cannot sign in (not read)
     * @param admin   whether the user holds an admin role
     */
    static Account account(JsonNode user, List<JsonNode> factors, boolean admin) {
        String id = id(user);
        String status = status(user);
        JsonNode profile = user.path("profile");
        String name = profile.path("login").asText(profile.path("email").asText(id));
        Map<String, String> details = new TreeMap<>();
        details.put("status", status);
        details.put("role", admin ? "admin" : "user");
        String lastLogin = user.path("lastLogin").asText("");
        if (!lastLogin.isBlank() && !"null".equals(lastLogin)) {
            details.put("lastLogin", lastLogin);
        }
        if (CANNOT_SIGN_IN.contains(status)) {
            return new Account(AccountId.of("okta:" + id), name, MfaState.NOT_APPLICABLE, false, admin, details);
        }
        Set<String> active = new TreeSet<>();
        for (JsonNode f : factors) {
            String type = f.path("factorType").asText("");
            String state = f.path("status").asText("");
            if (type.isBlank() || state.isBlank()) {
                throw new MonitorException("Okta sent a factor of user " + id + " without its type or status; "
                        + "the answer cannot be trusted, the scan is dropped");
            }
            if ("ACTIVE".equals(state)) {
                active.add(type);
            }
        }
        if (!active.isEmpty()) {
            details.put("factors", String.join(",", active));
        }
        boolean weak = !active.isEmpty() && WEAK.containsAll(active);
        return new Account(AccountId.of("okta:" + id), name, active.isEmpty() ? MfaState.DISABLED : MfaState.ENABLED, weak, admin,
                details);
    }
}
