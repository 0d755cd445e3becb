package dev.mfawatch.monitor.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.model.Account;
import dev.mfawatch.model.ConfigurationException;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import dev.mfawatch.spi.ScopeResult;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.Sleeper;
import dev.mfawatch.spi.contract.Fixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code accounts=organization}: every account of an organisation as a scope of one scan. */
class FleetTest {

    private final FakeFleet fleet = new FakeFleet();

    FleetTest() {
        fleet.aws(FakeFleet.MANAGEMENT).user("ops-admin", true, true);
        for (int i = 1; i <= 25; i++) {
            String id = String.format("1000000000%02d", i);
            FakeFleet.Member m = fleet.account(id, "member-" + i);
            m.aws.user("dev-" + i, true, i % 5 != 0);
        }
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    static Settings settings(FakeFleet fleet, String... keyValues) {
        Map<String, String> m = new HashMap<>();
        m.put("mfawatch.monitor.aws.endpoint", fleet.endpoint().toString());
        m.put("mfawatch.monitor.aws.cloudtrail-endpoint", fleet.endpoint().toString());
        m.put("mfawatch.monitor.aws.timeout", "60s");
        m.put("mfawatch.monitor.aws.accounts", "organization");
        m.put("mfawatch.monitor.aws.refresh", "none");
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put("mfawatch.monitor.aws." + keyValues[i], keyValues[i + 1]);
        }
        return Fixtures.settings("mfawatch.monitor.aws", m);
    }

    private ScanResult scan(Map<String, Snapshot> previous, String... keyValues) {
        try (Monitor m = AwsTestSupport.iamProvider().create(settings(fleet, keyValues))) {
            Instant now = AwsTestSupport.NOW;
            return m.scan(ScanContext.ofScopes("aws", previous, Clock.fixed(now, ZoneOffset.UTC), Sleeper.system(), now.plusSeconds(60)));
        }
    }

    private static Map<String, Snapshot> stored(ScanResult r) {
        Map<String, Snapshot> out = new TreeMap<>();
        r.scopes().forEach(s -> s.seenSnapshot().ifPresent(snap -> out.put(s.scope(), snap)));
        return out;
    }

    private static ScopeResult scope(ScanResult r, String id) {
        return r.scopes().stream().filter(s -> s.scope().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no scope " + id));
    }

    private static Account named(ScopeResult s, String name) {
        return s.snapshot().accounts().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyActiveAccountIsAScopeReadThroughItsRole() {
        ScanResult r = scan(Map.of());
        assertThat(r.scopes()).hasSize(26);
        assertThat(r.scopes()).allSatisfy(s -> assertThat(s.error()).isNull());
        assertThat(named(scope(r, "100000000003"), "dev-3").state()).isEqualTo(MfaState.ENABLED);
        assertThat(named(scope(r, "100000000005"), "dev-5").state()).isEqualTo(MfaState.DISABLED);
        assertThat(named(scope(r, "100000000005"), "dev-5").id().value()).isEqualTo("arn:aws:iam::100000000005:user/dev-5");
        assertThat(named(scope(r, FakeFleet.MANAGEMENT), "ops-admin").state()).isEqualTo(MfaState.ENABLED);
        // the management account is read with the scanning identity's own credentials: no role there
        assertThat(fleet.assumedRoles).hasSize(25).noneMatch(a -> a.contains(FakeFleet.MANAGEMENT));
        // discovery: DescribeOrganization, ⌈26/20⌉ pages of accounts, who am I; every root has MFA, so no feature check
        assertThat(fleet.count("DescribeOrganization") + fleet.count("ListAccounts") + fleet.count("GetCallerIdentity")
                + fleet.count("ListOrganizationsFeatures")).isEqualTo(1 + 2 + 1);
        // each member: one AssumeRole on top of a single account's calls
        assertThat(fleet.count("AssumeRole")).isEqualTo(25);
    }

    @Test
    void anAccountWhoseRoleCannotBeAssumedFailsItsScopeAlone() {
        fleet.members.get("100000000007").roleAssumable = false;
        ScanResult r = scan(Map.of());
        assertThat(scope(r, "100000000007").error()).contains("account 100000000007 (member-7)")
                .contains("arn:aws:iam::100000000007:role/mfa-watch-audit").contains("AccessDenied");
        assertThat(r.scopes()).filteredOn(s -> s.error() == null).hasSize(25);
    }

    @Test
    void aNewAccountJoinsAndASuspendedOneLeavesBetweenScans() {
        ScanResult first = scan(Map.of());
        fleet.account("100000000099", "new-team").aws.user("newbie", true, false);
        fleet.members.get("100000000002").status = "SUSPENDED";
        ScanResult second = scan(stored(first));
        assertThat(second.scopes()).extracting(ScopeResult::scope).contains("100000000099").doesNotContain("100000000002");
        assertThat(named(scope(second, "100000000099"), "newbie").state()).isEqualTo(MfaState.DISABLED);
    }

    @Test
    void includeExcludeAndOusNarrowTheFleet() {
        ScanResult only = scan(Map.of(), "include-accounts", "100000000001,100000000002", "exclude-accounts", "100000000002");
        assertThat(only.scopes()).extracting(ScopeResult::scope).containsExactly("100000000001");
        fleet.ous.put("ou-ab12-prod0001", "r-root");
        fleet.ous.put("ou-ab12-prodeu01", "ou-ab12-prod0001");
        fleet.members.get("100000000010").parent = "ou-ab12-prod0001";
        fleet.members.get("100000000011").parent = "ou-ab12-prodeu01";
        ScanResult prod = scan(Map.of(), "include-ous", "ou-ab12-prod0001");
        assertThat(prod.scopes()).extracting(ScopeResult::scope).containsExactlyInAnyOrder("100000000010", "100000000011");
    }

    @Test
    void withCentralisedRootAccessAMemberRootWithoutCredentialsIsNotApplicable() {
        FakeAws member = fleet.aws("100000000004");
        member.rootMfa = false;
        member.rootPassword = false;
        fleet.aws(FakeFleet.MANAGEMENT).rootMfa = false;
        fleet.aws(FakeFleet.MANAGEMENT).rootPassword = false;
        ScanResult off = scan(Map.of());
        assertThat(named(scope(off, "100000000004"), "<root_account>")).matches(a -> a.state() == MfaState.DISABLED && a.critical());
        fleet.rootCredentialsManagement = true;
        fleet.calls.clear();
        ScanResult on = scan(Map.of());
        assertThat(fleet.count("ListOrganizationsFeatures")).as("asked once per scan").isEqualTo(1);
        assertThat(fleet.count("GetAccountSummary")).as("only for the member whose root has no MFA").isEqualTo(1);
        assertThat(named(scope(on, "100000000004"), "<root_account>")).matches(a -> a.state() == MfaState.NOT_APPLICABLE)
                .matches(a -> a.details().get("rootCredentials").contains("managed centrally"));
        assertThat(named(scope(on, FakeFleet.MANAGEMENT), "<root_account>").state())
                .as("the management account's root is never managed centrally").isEqualTo(MfaState.DISABLED);
        // a member root with a password left is still reported
        member.rootPassword = true;
        assertThat(named(scope(scan(Map.of()), "100000000004"), "<root_account>").state()).isEqualTo(MfaState.DISABLED);
    }

    @Test
    void aRoleArnIsAssumedFirstAndTheMemberRolesChainedFromIt() {
        ScanResult r = scan(Map.of(), "role-arn", "arn:aws:iam::000000000000:role/hub", "role-name", "custom-audit",
                "include-accounts", "100000000001,000000000000");
        assertThat(r.scopes()).hasSize(2).allMatch(s -> s.error() == null);
        assertThat(fleet.assumedRoles).containsExactlyInAnyOrder("arn:aws:iam::000000000000:role/hub",
                "arn:aws:iam::100000000001:role/custom-audit");
        // the member role was assumed with the hub role's keys
        assertThat(fleet.assumedWith).containsEntry("arn:aws:iam::100000000001:role/custom-audit", "ASIAFLEET000000000000")
                .containsEntry("arn:aws:iam::000000000000:role/hub", "AKIDTEST");
    }

    @Test
    void signInsWithoutMfaAreReadInEveryAccount() {
        Instant at = AwsTestSupport.NOW.minusSeconds(600);
        fleet.aws("100000000001").event("us-east-1", "ev-1", "ConsoleLogin", at,
                FakeAws.consoleLogin("IAMUser", "dev-1", true, "No", "192.0.2.1", "us-east-1").replace(FakeAws.ACCOUNT, "100000000001"));
        fleet.aws("100000000002").event("us-east-1", "ev-2", "ConsoleLogin", at,
                FakeAws.consoleLogin("IAMUser", "dev-2", true, "Yes", "192.0.2.2", "us-east-1").replace(FakeAws.ACCOUNT, "100000000002"));
        Map<String, String> m = new HashMap<>(Map.of("mfawatch.monitor.aws.endpoint", fleet.endpoint().toString(),
                "mfawatch.monitor.aws.cloudtrail-endpoint", fleet.endpoint().toString(), "mfawatch.monitor.aws.timeout", "60s",
                "mfawatch.monitor.aws.accounts", "organization", "mfawatch.monitor.aws.regions", "us-east-1",
                "mfawatch.monitor.aws.include-accounts", "100000000001,100000000002,100000000003"));
        try (Monitor monitor = new CloudTrailSignInMonitorProvider(AwsTestSupport.STATIC).create(Fixtures.settings("mfawatch.monitor.aws", m))) {
            Instant now = AwsTestSupport.NOW;
            ScanResult r = monitor.scan(ScanContext.ofScopes("aws", Map.of(), Clock.fixed(now, ZoneOffset.UTC), Sleeper.system(),
                    now.plusSeconds(60)));
            assertThat(r.scopes()).extracting(ScopeResult::scope).containsExactlyInAnyOrder("100000000001", "100000000002", "100000000003");
            assertThat(scope(r, "100000000001").events()).singleElement()
                    .matches(e -> e.accountId().value().equals("arn:aws:iam::100000000001:user/dev-1"));
            assertThat(scope(r, "100000000002").events()).isEmpty();
            // each account's CloudTrail is read with its own keys
            assertThat(fleet.calls).contains("LookupEvents@100000000001", "LookupEvents@100000000002", "LookupEvents@100000000003");
        }
    }

    @Test
    void throttlingInOneAccountFailsThatAccountOnly() {
        fleet.aws("100000000008").fail("GetCredentialReport", 400, "Throttling", "Rate exceeded");
        fleet.aws("100000000008").fail("GetCredentialReport", 400, "Throttling", "Rate exceeded");
        fleet.aws("100000000008").fail("GetCredentialReport", 400, "Throttling", "Rate exceeded");
        fleet.aws("100000000008").fail("GetCredentialReport", 400, "Throttling", "Rate exceeded");
        ScanResult r = scan(Map.of(), "include-accounts", "100000000008,100000000009");
        assertThat(scope(r, "100000000009").error()).isNull();
        assertThat(scope(r, "100000000008").error()).contains("account 100000000008").contains("Throttling");
    }

    @Test
    void fleetKeysOnlyGoWithAccountsOrganization() {
        Map<String, String> m = new HashMap<>(Map.of("parallelism", "4"));
        assertThatThrownBy(() -> AwsTestSupport.iamProvider().create(Settings.of("mfawatch.monitor.aws", m)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("accounts=organization");
        assertThatThrownBy(() -> AwsTestSupport.iamProvider().create(Settings.of("mfawatch.monitor.aws", Map.of("accounts", "organization",
                "include-accounts", "12345")))).hasMessageContaining("12-digit");
        assertThatThrownBy(() -> AwsTestSupport.iamProvider().create(Settings.of("mfawatch.monitor.aws", Map.of("accounts", "organization",
                "role-name", "arn:aws:iam::1:role/x")))).hasMessageContaining("role name");
    }
}
