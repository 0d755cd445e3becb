package dev.mfawatch.monitor.entra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.WatchedSetting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What enforces MFA in the tenant, as watched settings that raise one alert per thing turned off and
 * none for the usual set-up. Tenants with the licence the report needs usually enforce MFA with
 * Conditional Access and keep security defaults off (the two cannot be on together), so:
 * <ul>
 * <li>{@code mfa-enforcement} is on while security defaults or at least one enabled Conditional
 *     Access policy requires MFA. When nothing does, it is the only setting: one finding, which names
 *     what was on before.</li>
 * <li>While something still enforces MFA, {@code security-defaults} and each
 *     {@code conditional-access:<policy id>} that requires MFA are listed while on; one that was on
 *     and is not (disabled, report-only, deleted, no longer asking for MFA) is listed once as off,
 *     then dropped.</li>
 * </ul>
 * Security defaults being off while Conditional Access requires MFA is therefore no finding, and
 * turning them off is one only if they were on.
 */
final class EntraPolicies {

    static final String ENFORCEMENT = "mfa-enforcement";
    static final String SECURITY_DEFAULTS = "security-defaults";
    static final String CA_PREFIX = "conditional-access:";

    private EntraPolicies() {
    }

    static List<WatchedSetting> read(GraphApi api, @Nullable Snapshot previous) {
        JsonNode sd = api.one("/v1.0/policies/identitySecurityDefaultsEnforcementPolicy", GraphApi.POLICIES);
        if (sd == null || !sd.path("isEnabled").isBoolean()) {
            throw new MonitorException("Graph did not say whether security defaults are on (no isEnabled); grant Policy.Read.All");
        }
        Map<String, String> requiring = new LinkedHashMap<>();
        Map<String, String> state = new LinkedHashMap<>();
        for (JsonNode p : api.all("/v1.0/identity/conditionalAccess/policies", GraphApi.POLICIES)) {
            String id = p.path("id").asText("");
            if (id.isBlank() || !p.path("state").isTextual()) {
                throw new MonitorException("Graph sent a Conditional Access policy without its id or state; the scan is dropped");
            }
            state.put(id, p.path("state").asText());
            if ("enabled".equals(p.path("state").asText()) && requiresMfa(p)) {
                requiring.put(id, p.path("displayName").asText(id));
            }
        }
        return settings(sd.path("isEnabled").asBoolean(), requiring, state, previous);
    }

    static boolean requiresMfa(JsonNode policy) {
        JsonNode grant = policy.path("grantControls");
        for (JsonNode c : grant.path("builtInControls")) {
            if ("mfa".equalsIgnoreCase(c.asText())) {
                return true;
            }
        }
        return grant.path("authenticationStrength").isObject();
    }

    static List<WatchedSetting> settings(boolean securityDefaults, Map<String, String> requiring, Map<String, String> state,
                                         @Nullable Snapshot previous) {
        Map<String, WatchedSetting> wasOn = new LinkedHashMap<>();
        if (previous != null) {
            for (WatchedSetting s : previous.settings()) {
                if (s.enabled() && !s.id().equals(ENFORCEMENT)) {
                    wasOn.put(s.id(), s);
                }
            }
        }
        List<WatchedSetting> out = new ArrayList<>();
        if (!securityDefaults && requiring.isEmpty()) {
            String before = wasOn.isEmpty() ? "" : " (was on before: " + String.join(", ", wasOn.values().stream().map(WatchedSetting::name)
                    .toList()) + ")";
            out.add(new WatchedSetting(ENFORCEMENT, "MFA is required by neither security defaults nor an enabled Conditional Access "
                    + "policy" + before, false));
            return out;
        }
        out.add(new WatchedSetting(ENFORCEMENT, "MFA required by security defaults or Conditional Access", true));
        if (securityDefaults) {
            out.add(new WatchedSetting(SECURITY_DEFAULTS, "security defaults", true));
        } else if (wasOn.containsKey(SECURITY_DEFAULTS)) {
            out.add(new WatchedSetting(SECURITY_DEFAULTS, "security defaults", false));
        }
        requiring.forEach((id, name) -> out.add(new WatchedSetting(CA_PREFIX + id, "Conditional Access policy '" + name + "'", true)));
        for (WatchedSetting s : wasOn.values()) {
            String id = s.id().startsWith(CA_PREFIX) ? s.id().substring(CA_PREFIX.length()) : null;
            if (id != null && !requiring.containsKey(id)) {
                String now = state.get(id);
                String why = now == null ? "deleted" : "enabled".equals(now) ? "no longer requires MFA"
                        : "enabledForReportingButNotEnforced".equals(now) ? "report-only" : now;
                out.add(new WatchedSetting(s.id(), s.name().replaceAll(" \\((deleted|report-only|disabled|no longer requires MFA)\\)$", "")
                        + " (" + why + ")", false));
            }
        }
        return out;
    }
}
