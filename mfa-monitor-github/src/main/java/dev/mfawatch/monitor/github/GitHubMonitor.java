package dev.mfawatch.monitor.github;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.AccountId;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.model.WatchedSetting;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import dev.mfawatch.spi.ScopeResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.kohsuke.github.GHMembership;
import org.kohsuke.github.GHOrganization;
import org.kohsuke.github.GHUser;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.PagedIterable;

/**
 * {@code github}: every member and outside collaborator of one organisation with their 2FA state, and
 * the organisation's "2FA required" setting. For each kind of account it lists everybody, those with
 * 2FA off and those with insecure 2FA (SMS), 100 a page: the fewest requests the API allows.
 *
 * <p>Only an organisation owner's token sees 2FA; for anybody else GitHub ignores the filters and
 * hides the setting. Such a scan fails with a message that names the role and scopes needed, rather
 * than reporting everybody as "2FA off" or "2FA on". Any error on any page fails the whole scan: a
 * half-read list would look like members leaving.
 */
final class GitHubMonitor implements Monitor {

    static final String SETTING_ID = "two-factor-requirement";
    private static final int PAGE = 100;

    private final GitHubSettings settings;
    private final GitHubConnection connection;
    private volatile boolean insecureFilterKnown = true;
    private volatile boolean insecureWarned;

    GitHubMonitor(GitHubSettings settings, GitHubConnection connection) {
        this.settings = settings;
        this.connection = connection;
    }

    /** One kind of account: everybody, 2FA off, 2FA insecure. */
    private record Lists(List<GHUser> all, Set<Long> disabled, Set<Long> insecure) {
    }

    @Override
    public ScanResult scan(ScanContext context) {
        connection.deadline(context.deadline());
        List<String> warnings = new ArrayList<>();
        if (!settings.scoped()) {
            String only = settings.organizations().get(0);
            return new ScanResult(scanOrganization(context, only, Snapshot.DEFAULT_SCOPE, warnings), List.of(), warnings);
        }
        List<String> organizations = settings.everyOwned() ? owned() : settings.organizations();
        List<ScopeResult> scopes = new ArrayList<>();
        for (String organization : organizations) {
            if (Thread.currentThread().isInterrupted()) {
                throw new MonitorException("interrupted while scanning the organisations");
            }
            try {
                scopes.add(ScopeResult.seen(scanOrganization(context, organization, organization, warnings), List.of()));
            } catch (MonitorException e) {
                // One organisation failing (not an owner there, renamed, rate-limited) leaves the others' results standing.
                scopes.add(ScopeResult.failed(organization, e.getMessage()));
            }
        }
        return ScanResult.ofScopes(scopes, warnings);
    }

    /** {@code organizations=*}: every organisation where the token's user is an owner (an active admin membership). */
    private List<String> owned() {
        try {
            GitHub gh = connection.gitHub("");
            List<String> out = new ArrayList<>();
            for (GHMembership m : gh.getMyself().listOrgMemberships(GHMembership.State.ACTIVE).withPageSize(PAGE).toList()) {
                if (m.getRole() == GHMembership.Role.ADMIN && m.getOrganization() != null) {
                    out.add(m.getOrganization().getLogin());
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            HttpException http = GitHubErrors.http(e);
            if (http != null && (http.getResponseCode() == 403 || http.getResponseCode() == 404)) {
                throw new MonitorException("organizations=* lists the organisations this token's user owns, which GitHub shows to a "
                        + "classic token with read:org; a fine-grained token reaches one organisation only (HTTP "
                        + http.getResponseCode() + ")", e);
            }
            throw e instanceof MonitorException m ? m : GitHubErrors.translate(e, settings, "(the token's own memberships)");
        }
    }

    private Snapshot scanOrganization(ScanContext context, String organization, String scope, List<String> warnings) {
        String prefix = settings.scoped() ? organization + ": " : "";
        try {
            GitHub gh = connection.gitHub(organization);
            connection.tap().reset();
            GHOrganization org = gh.getOrganization(organization);
            OrganizationTap.TwoFactorRequired required = connection.tap().twoFactorRequired();
            List<Account> accounts = new ArrayList<>();
            boolean suspicious = required == OrganizationTap.TwoFactorRequired.NOT_VISIBLE;
            if (settings.members()) {
                Lists members = read(org, true, warnings);
                Set<Long> admins = ids(org.listMembersWithRole("admin"));
                suspicious |= members.all().size() > 1 && members.disabled().size() == members.all().size();
                for (GHUser u : members.all()) {
                    accounts.add(account(u, members, "member", admins.contains(u.getId()) ? "admin" : "member"));
                }
            }
            if (settings.outsideCollaborators()) {
                Lists collaborators = read(org, false, warnings);
                suspicious |= collaborators.all().size() > 1
                        && collaborators.disabled().size() == collaborators.all().size();
                for (GHUser u : collaborators.all()) {
                    accounts.add(account(u, collaborators, "outside-collaborator", "outside-collaborator"));
                }
            }
            if (suspicious) {
                checkOwner(gh, org, organization);
                if (required == OrganizationTap.TwoFactorRequired.NOT_VISIBLE) {
                    warnings.add(prefix + "the organisation's \"2FA required\" setting is not visible to this token; it is not watched");
                }
            }
            List<WatchedSetting> watched = switch (required) {
                case YES -> List.of(setting(organization, true));
                case NO -> List.of(setting(organization, false));
                default -> List.of();
            };
            return new Snapshot(context.monitorName(), scope, context.clock().instant(), accounts, watched, "");
        } catch (IOException | RuntimeException e) {
            if (e instanceof MonitorException m) {
                throw m;
            }
            throw GitHubErrors.translate(e, settings, organization);
        }
    }

    private Lists read(GHOrganization org, boolean members, List<String> warnings) throws IOException {
        List<GHUser> all = list(members ? org.listMembersWithFilter("all") : org.listOutsideCollaboratorsWithFilter("all"));
        Set<Long> disabled = ids(members ? org.listMembersWithFilter("2fa_disabled")
                : org.listOutsideCollaboratorsWithFilter("2fa_disabled"));
        Set<Long> insecure = Set.of();
        if (insecureFilterKnown) {
            try {
                insecure = ids(members ? org.listMembersWithFilter("2fa_insecure")
                        : org.listOutsideCollaboratorsWithFilter("2fa_insecure"));
            } catch (IOException | RuntimeException e) {
                HttpException http = GitHubErrors.http(e);
                if (http == null || http.getResponseCode() != 422) {
                    throw e;
                }
                // Older GitHub Enterprise Server does not know this filter: go on without weak detection.
                insecureFilterKnown = false;
            }
        }
        if (!insecureFilterKnown && !insecureWarned) {
            insecureWarned = true;
            warnings.add("this GitHub does not know filter=2fa_insecure (older GitHub Enterprise Server): "
                    + "SMS and other insecure 2FA cannot be told from secure 2FA");
        }
        return new Lists(all, disabled, insecure);
    }

    private Account account(GHUser u, Lists lists, String kind, String role) {
        boolean off = lists.disabled().contains(u.getId());
        boolean weak = !off && lists.insecure().contains(u.getId());
        Map<String, String> details = new TreeMap<>();
        details.put("kind", kind);
        details.put("role", role);
        return new Account(AccountId.of("github:" + u.getId()), u.getLogin(), off ? MfaState.DISABLED : MfaState.ENABLED,
                weak, false, details);
    }

    private static WatchedSetting setting(String organization, boolean on) {
        return new WatchedSetting(SETTING_ID, organization + ": two-factor authentication required", on);
    }

    private void checkOwner(GitHub gh, GHOrganization org, String organization) throws IOException {
        String role;
        try {
            GHMembership m = gh.getMyself().getMembership(org);
            role = m.getRole() == null ? "unknown" : m.getRole().name().toLowerCase(java.util.Locale.ROOT);
        } catch (IOException | RuntimeException e) {
            role = "unknown";
        }
        if (!"admin".equals(role)) {
            throw new MonitorException("this token cannot see two-factor status in organisation '" + organization
                    + "': GitHub shows it to organisation owners only, and ignores the 2FA filters for anybody else "
                    + "(this token's role: " + role + "). Use a token of an owner: a classic token with read:org, or a "
                    + "fine-grained token with the organisation permission \"Members: read\"");
        }
    }

    private static List<GHUser> list(PagedIterable<GHUser> users) throws IOException {
        return users.withPageSize(PAGE).toList();
    }

    private static Set<Long> ids(PagedIterable<GHUser> users) throws IOException {
        Set<Long> ids = new HashSet<>();
        for (GHUser u : list(users)) {
            ids.add(u.getId());
        }
        return ids;
    }

    @Override
    public dev.mfawatch.model.FindingRule rule() {
        return GitHubRules.TWO_FACTOR;
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "GitHubMonitor[" + (settings.everyOwned() ? "organizations=*" : (settings.scoped() ? "organizations=" : "organization=")
                + String.join(",", settings.organizations())) + ", endpoint=" + settings.endpoint() + "]";
    }

}
