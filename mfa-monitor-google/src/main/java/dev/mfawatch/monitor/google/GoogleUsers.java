package dev.mfawatch.monitor.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.AccountId;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.MonitorException;
import java.util.Map;
import java.util.TreeMap;

/** Turns Directory API users into accounts. Google does not say which second factor a user has: no weak detection. */
final class GoogleUsers {

    private GoogleUsers() {
    }

    static String id(JsonNode user) {
        String id = user.path("id").asText("");
        if (id.isBlank()) {
            throw new MonitorException("Google sent a user without an id; the scan is dropped");
        }
        return id;
    }

    static Account account(JsonNode user) {
        String id = id(user);
        String email = user.path("primaryEmail").asText(id);
        JsonNode enrolled = user.path("isEnrolledIn2Sv");
        if (!enrolled.isBoolean()) {
            throw new MonitorException("Google sent user " + email + " without isEnrolledIn2Sv, so its 2-Step Verification is hidden: "
                    + "the subject must be an administrator who may read users (the admin view), not a user");
        }
        boolean superAdmin = user.path("isAdmin").asBoolean(false);
        boolean delegated = user.path("isDelegatedAdmin").asBoolean(false);
        boolean enforced = user.path("isEnforcedIn2Sv").asBoolean(false);
        Map<String, String> details = new TreeMap<>();
        details.put("role", superAdmin ? "super-admin" : delegated ? "delegated-admin" : "user");
        details.put("2svEnforced", String.valueOf(enforced));
        if (enforced && !enrolled.asBoolean()) {
            details.put("2svPending", "enforced but not enrolled: inside the enrolment grace period");
        }
        String lastLogin = user.path("lastLoginTime").asText("");
        if (!lastLogin.isBlank() && !lastLogin.startsWith("1970-")) {
            details.put("lastLogin", lastLogin);
        }
        AccountId accountId = AccountId.of("google:" + id);
        if (user.path("suspended").asBoolean(false) || user.path("archived").asBoolean(false)) {
            details.put("notApplicable", user.path("suspended").asBoolean(false) ? "suspended" : "archived");
            return new Account(accountId, email, MfaState.NOT_APPLICABLE, false, superAdmin, details);
        }
        return new Account(accountId, email, enrolled.asBoolean() ? MfaState.ENABLED : MfaState.DISABLED, false, superAdmin, details);
    }
}
