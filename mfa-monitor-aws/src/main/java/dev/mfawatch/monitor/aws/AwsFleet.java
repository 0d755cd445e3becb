package dev.mfawatch.monitor.aws;

import dev.mfawatch.model.MonitorException;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.ScanResult;
import dev.mfawatch.spi.ScopeResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.iam.model.ListOrganizationsFeaturesResponse;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountStatus;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnit;

/**
 * Every account of an AWS organisation as a scope of one scan: the accounts listed by
 * Organizations (from the management account or a delegated administrator, 20 a page), narrowed by
 * the include and exclude settings, each read through {@code role-name} assumed from the scanning
 * identity, at most {@code parallelism} at once. An account that cannot be read fails its scope
 * alone; one that left the organisation or was suspended is no scope any more.
 */
final class AwsFleet {

    private static final Logger LOG = LoggerFactory.getLogger(AwsFleet.class);

    /** One account to scan. */
    record Member(String id, String name, boolean management) {
    }

    private final AwsSettings settings;
    private final AwsSettings.Fleet fleet;
    private final AwsClients hub;

    AwsFleet(AwsSettings settings, AwsClients hub) {
        this.settings = settings;
        this.fleet = settings.fleet();
        this.hub = hub;
    }

    ScanResult scan(ScanContext context, AccountScan scan) {
        hub.checkCredentials();
        List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());
        var identity = AwsCalls.call("sts:GetCallerIdentity", () -> hub.sts().getCallerIdentity());
        String caller = identity.account();
        String callerArn = identity.arn();
        List<Member> members = members(warnings);
        // Asked only when a member's root has no MFA: an organisation whose roots all have MFA never pays for it.
        java.util.function.BooleanSupplier central = new java.util.function.BooleanSupplier() {
            private volatile Boolean known;

            @Override
            public synchronized boolean getAsBoolean() {
                if (known == null) {
                    known = rootsManagedCentrally(warnings);
                }
                return known;
            }
        };
        String partition = IamUser.partitionOf(callerArn);
        int threads = Math.min(fleet.parallelism(), Math.max(1, members.size()));
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mfa-watch-aws-account-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Map<Member, Future<AccountScan.Result>> running = new LinkedHashMap<>();
        try {
            for (Member m : members) {
                running.put(m, pool.submit(() -> scanOne(m, caller, partition, central, scan, context)));
            }
            List<ScopeResult> scopes = new ArrayList<>();
            for (Map.Entry<Member, Future<AccountScan.Result>> e : running.entrySet()) {
                Member m = e.getKey();
                try {
                    long left = Duration.between(context.clock().instant(), context.deadline()).toMillis();
                    AccountScan.Result r = e.getValue().get(Math.max(1, left), TimeUnit.MILLISECONDS);
                    scopes.add(ScopeResult.seen(r.snapshot(), r.events()));
                    r.warnings().forEach(w -> warnings.add("account " + m.id() + ": " + w));
                } catch (ExecutionException ex) {
                    Throwable cause = ex.getCause() == null ? ex : ex.getCause();
                    scopes.add(ScopeResult.failed(m.id(), describe(m, partition) + ": " + (cause instanceof MonitorException
                            ? cause.getMessage() : cause.getClass().getSimpleName())));
                } catch (TimeoutException ex) {
                    e.getValue().cancel(true);
                    scopes.add(ScopeResult.failed(m.id(), describe(m, partition) + ": not read within the scan's time limit"));
                }
            }
            return ScanResult.ofScopes(scopes, warnings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MonitorException("interrupted while scanning the organisation's accounts");
        } finally {
            pool.shutdownNow();
        }
    }

    private AccountScan.Result scanOne(Member m, String caller, String partition, java.util.function.BooleanSupplier central,
                                       AccountScan scan,
                                       ScanContext context) {
        Snapshot previous = context.previous(m.id()).orElse(null);
        if (m.id().equals(caller)) {
            // The scanning identity's own account (usually the management account): no role to assume.
            return scan.scan(hub, m.id(), previous, context, () -> !m.management() && central.getAsBoolean());
        }
        try (AwsClients member = hub.forMember(roleArn(partition, m.id()))) {
            member.checkCredentials();
            return scan.scan(member, m.id(), previous, context, () -> !m.management() && central.getAsBoolean());
        }
    }

    private String roleArn(String partition, String account) {
        return "arn:" + partition + ":iam::" + account + ":role/" + fleet.roleName();
    }

    private String describe(Member m, String partition) {
        return "account " + m.id() + " (" + m.name() + (m.management() ? ", the management account" : "") + ") through "
                + roleArn(partition, m.id());
    }

    /** The organisation's active accounts, narrowed by the settings. */
    List<Member> members(List<String> warnings) {
        OrganizationsClient org = hub.organizations();
        String management = AwsCalls.call("organizations:DescribeOrganization", () -> org.describeOrganization().organization())
                .masterAccountId();
        List<Account> accounts = new ArrayList<>();
        if (fleet.includeOus().isEmpty()) {
            AwsCalls.call("organizations:ListAccounts", () -> {
                org.listAccountsPaginator(r -> r.maxResults(20)).forEach(page -> accounts.addAll(page.accounts()));
                return null;
            });
        } else {
            for (String ou : fleet.includeOus()) {
                underOu(org, ou, accounts);
            }
        }
        Map<String, Member> out = new LinkedHashMap<>();
        int inactive = 0;
        for (Account a : accounts) {
            if (a.status() != AccountStatus.ACTIVE) {
                inactive++;
                continue;
            }
            if (!fleet.includeAccounts().isEmpty() && !fleet.includeAccounts().contains(a.id()) || fleet.excludeAccounts().contains(a.id())) {
                continue;
            }
            out.putIfAbsent(a.id(), new Member(a.id(), a.name() == null ? a.id() : a.name(), a.id().equals(management)));
        }
        for (String id : fleet.includeAccounts()) {
            if (!out.containsKey(id) && accounts.stream().noneMatch(a -> a.id().equals(id))) {
                warnings.add("include-accounts lists " + id + ", which is not an account of this organisation");
            }
        }
        LOG.debug("AWS organisation: {} accounts listed, {} not active, {} to scan", accounts.size(), inactive, out.size());
        return new ArrayList<>(out.values());
    }

    private static void underOu(OrganizationsClient org, String parent, List<Account> into) {
        AwsCalls.call("organizations:ListAccountsForParent", () -> {
            org.listAccountsForParentPaginator(r -> r.parentId(parent).maxResults(20)).forEach(page -> into.addAll(page.accounts()));
            return null;
        });
        List<OrganizationalUnit> children = new ArrayList<>();
        AwsCalls.call("organizations:ListOrganizationalUnitsForParent", () -> {
            org.listOrganizationalUnitsForParentPaginator(r -> r.parentId(parent).maxResults(20))
                    .forEach(page -> children.addAll(page.organizationalUnits()));
            return null;
        });
        for (OrganizationalUnit child : children) {
            underOu(org, child.id(), into);
        }
    }

    /** Whether IAM says the organisation manages member accounts' root credentials centrally. */
    private boolean rootsManagedCentrally(List<String> warnings) {
        try {
            ListOrganizationsFeaturesResponse f = AwsCalls.call("iam:ListOrganizationsFeatures", () -> hub.iam().listOrganizationsFeatures(r -> { }));
            return f.enabledFeaturesAsStrings().contains("RootCredentialsManagement");
        } catch (AwsCalls.Denied e) {
            warnings.add("cannot tell whether the organisation manages member roots centrally (" + e.getMessage() + "): a member "
                    + "root without credentials is reported as without MFA");
            return false;
        } catch (MonitorException e) {
            // ServiceAccessNotEnabled: the feature is off.
            return false;
        }
    }
}
