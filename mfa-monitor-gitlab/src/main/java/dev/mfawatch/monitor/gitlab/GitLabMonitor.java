package dev.mfawatch.monitor.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.AccountId;
import dev.mfawatch.model.FindingRule;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.WatchedSetting;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code gitlab}: without {@code group}, every user of a self-managed instance (an administrator's
 * token; {@code two_factor_enabled} comes on each user, 100 a page) and the instance's "2FA
 * required" setting; with {@code group}, its members including inherited ones and the group's "2FA
 * required" setting. GitLab hides {@code two_factor_enabled} from whoever may not see it and drops
 * the {@code two_factor} filter for non-admins, silently: a missing field fails the scan, and a
 * group's members are judged from the first source that shows them all (the members list, the
 * administrator's {@code two_factor=disabled} list, a top-level group's enterprise users).
 */
final class GitLabMonitor implements Monitor {

    static final Set<String> ACTIVE = Set.of("active");
    static final Map<Integer, String> ROLES = Map.of(5, "minimal", 10, "guest", 15, "planner", 20, "reporter", 30, "developer",
            40, "maintainer", 50, "owner");

    private final GitLabSettings settings;
    private final GitLabClient client;

    GitLabMonitor(GitLabSettings settings, GitLabClient client) {
        this.settings = settings;
        this.client = client;
    }

    private String host() {
        return settings.base().getHost();
    }

    @Override
    public ScanResult scan(ScanContext context) {
        GitLabApi api = client.start(context);
        List<String> warnings = new ArrayList<>();
        Snapshot s = settings.group() == null ? instance(api, context) : group(api, context, settings.group(), warnings);
        return new ScanResult(s, List.of(), warnings);
    }

    private Snapshot instance(GitLabApi api, ScanContext context) {
        JsonNode me = api.one("/user", "the token's own user");
        if (!me.path("is_admin").asBoolean(false)) {
            throw new MonitorException("without group, the gitlab monitor lists every user of the instance, and GitLab shows their "
                    + "two-factor status to administrators only; this token's user (" + me.path("username").asText("?") + ") is none. "
                    + "Use an administrator's token with read_api (and admin_mode where Admin Mode is on), or set group=<path>");
        }
        List<Account> accounts = new ArrayList<>();
        api.list("/users?per_page=" + GitLabApi.PAGE + "&exclude_internal=true&order_by=id&sort=asc", "the users", u -> {
            JsonNode tfa = u.path("two_factor_enabled");
            if (!tfa.isBoolean()) {
                throw new MonitorException("GitLab listed user " + u.path("username").asText("?") + " without two_factor_enabled: the "
                        + "token does not act as an administrator here (where Admin Mode is on, it needs the admin_mode scope)");
            }
            boolean admin = u.path("is_admin").asBoolean(false);
            accounts.add(account(u, tfa.asBoolean(), admin, admin ? "admin" : "user", "user"));
        });
        JsonNode app = api.one("/application/settings", "the instance's settings");
        List<WatchedSetting> watched = new ArrayList<>();
        if (app.path("require_two_factor_authentication").isBoolean()) {
            watched.add(new WatchedSetting("instance-2fa-required", host() + ": two-factor authentication required for everyone"
                    + grace(app), app.path("require_two_factor_authentication").asBoolean()));
        }
        return new Snapshot(context.monitorName(), context.clock().instant(), accounts, watched, "");
    }

    private Snapshot group(GitLabApi api, ScanContext context, String path, List<String> warnings) {
        String id = enc(path);
        JsonNode g = api.one("/groups/" + id + "?with_projects=false", "the group");
        List<WatchedSetting> watched = new ArrayList<>();
        if (g.path("require_two_factor_authentication").isBoolean()) {
            watched.add(new WatchedSetting("group-2fa-required:" + path, path + ": two-factor authentication required" + grace(g),
                    g.path("require_two_factor_authentication").asBoolean()));
        } else {
            warnings.add("group " + path + "'s \"require two-factor authentication\" setting is not visible to this token; it is not watched");
        }
        List<JsonNode> members = api.all("/groups/" + id + "/members/all?per_page=" + GitLabApi.PAGE, "the group's members");
        Map<Long, Boolean> twoFactor = new HashMap<>();
        boolean shown = members.stream().allMatch(m -> m.path("two_factor_enabled").isBoolean());
        String source = "members";
        if (shown) {
            members.forEach(m -> twoFactor.put(m.path("id").asLong(), m.path("two_factor_enabled").asBoolean()));
        } else {
            JsonNode me = api.one("/user", "the token's own user");
            if (me.path("is_admin").asBoolean(false)) {
                source = "admin";
                Set<Long> off = new HashSet<>();
                api.list("/users?two_factor=disabled&per_page=" + GitLabApi.PAGE + "&exclude_internal=true", "the users with 2FA off", u -> {
                    if (u.path("two_factor_enabled").asBoolean(false)) {
                        throw new MonitorException("GitLab ignored the two_factor=disabled filter (it listed " + u.path("username").asText()
                                + ", who has 2FA on): the token does not act as an administrator here");
                    }
                    off.add(u.path("id").asLong());
                });
                members.forEach(m -> twoFactor.put(m.path("id").asLong(), !off.contains(m.path("id").asLong())));
            } else {
                source = "enterprise";
                enterprise(api, path, members, twoFactor);
            }
        }
        List<Account> accounts = new ArrayList<>();
        for (JsonNode m : members) {
            int level = m.path("access_level").asInt(0);
            String role = ROLES.getOrDefault(level, "level-" + level);
            boolean owner = level >= 50;
            Boolean on = twoFactor.get(m.path("id").asLong());
            accounts.add(account(m, on != null && on, owner, role, "member"));
        }
        client.note("2FA from " + source);
        return new Snapshot(context.monitorName(), context.clock().instant(), accounts, watched, "");
    }

    /** GitLab.com: a top-level group's owner sees its enterprise users' 2FA. Anybody else's stays hidden: the scan fails. */
    private void enterprise(GitLabApi api, String path, List<JsonNode> members, Map<Long, Boolean> twoFactor) {
        String top = enc(path.contains("/") ? path.substring(0, path.indexOf('/')) : path);
        Set<Long> all = new HashSet<>();
        Set<Long> off = new HashSet<>();
        try {
            api.list("/groups/" + top + "/enterprise_users?per_page=" + GitLabApi.PAGE, "the group's enterprise users",
                    u -> all.add(u.path("id").asLong()));
            api.list("/groups/" + top + "/enterprise_users?two_factor=disabled&per_page=" + GitLabApi.PAGE,
                    "the group's enterprise users with 2FA off", u -> off.add(u.path("id").asLong()));
        } catch (GitLabApi.Refused e) {
            throw new MonitorException("GitLab does not show the two-factor status of group " + path + "'s members to this token: it "
                    + "shows it to administrators, to group owners only in versions whose members API has two_factor_enabled, and on "
                    + "GitLab.com to a top-level group's owner for its enterprise users (Premium or Ultimate). Use an administrator's "
                    + "token, or a newer GitLab with an owner's token (" + e.getMessage() + ")");
        }
        List<String> hidden = new ArrayList<>();
        for (JsonNode m : members) {
            long id = m.path("id").asLong();
            if (all.contains(id)) {
                twoFactor.put(id, !off.contains(id));
            } else if (ACTIVE.contains(m.path("state").asText("active")) && !isBot(m)) {
                hidden.add(m.path("username").asText("?"));
            }
        }
        if (!hidden.isEmpty()) {
            throw new MonitorException(hidden.size() + " members of " + path + " (e.g. " + String.join(", ", hidden.subList(0,
                    Math.min(3, hidden.size()))) + ") are not enterprise users of the group, and GitLab shows their two-factor status "
                    + "to administrators only; rather than report them as without 2FA, the scan stops. Use an administrator's token");
        }
    }

    private Account account(JsonNode u, boolean twoFactor, boolean critical, String role, String kind) {
        String username = u.path("username").asText("");
        if (username.isBlank() || !u.path("id").canConvertToLong()) {
            throw new MonitorException("GitLab sent a user without id or username; the scan is dropped");
        }
        Map<String, String> details = new TreeMap<>();
        String state = u.path("state").asText("active");
        details.put("state", state);
        details.put("role", role);
        details.put("kind", kind);
        String membership = u.path("membership_state").asText("active");
        boolean applicable = ACTIVE.contains(state) && !isBot(u) && "active".equals(membership);
        if (isBot(u)) {
            details.put("bot", "true");
        }
        MfaState mfa = !applicable ? MfaState.NOT_APPLICABLE : twoFactor ? MfaState.ENABLED : MfaState.DISABLED;
        return new Account(AccountId.of("gitlab:" + host() + ":" + u.path("id").asLong()), username, mfa, false, critical, details);
    }

    private static boolean isBot(JsonNode u) {
        String type = u.path("user_type").asText("human");
        return u.path("bot").asBoolean(false) || !type.equals("human") && !type.isEmpty();
    }

    private static String grace(JsonNode n) {
        JsonNode g = n.path("two_factor_grace_period");
        return g.canConvertToInt() ? " (grace period " + g.asInt() + "h)" : "";
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public FindingRule rule() {
        return GitLabRules.TWO_FACTOR;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "GitLabMonitor[endpoint=" + settings.base() + (settings.group() == null ? ", instance" : ", group=" + settings.group()) + "]";
    }
}
