package dev.mfawatch.monitor.aws;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The settings every AWS monitor shares: where to connect and with whose credentials.
 *
 * @param region             the region for STS and CloudTrail clients (IAM is global)
 * @param endpoint           an IAM (and STS) endpoint override, or {@code null}
 * @param cloudTrailEndpoint a CloudTrail endpoint override, or {@code null}
 * @param profile            a named profile of the shared AWS config files, or {@code null}
 * @param roleArn            a role to assume with STS, or {@code null}
 * @param externalId         the external id the role's trust policy asks for, or {@code null}
 * @param timeout            the time limit of the whole scan
 * @param fleet              every account of the organisation ({@code accounts=organization}), or {@code null} for one account
 */
record AwsSettings(String region, @Nullable URI endpoint, @Nullable URI cloudTrailEndpoint, @Nullable String profile,
                   @Nullable String roleArn, @Nullable String externalId, Duration timeout, @Nullable Fleet fleet) {

    /**
     * How the accounts of an organisation are reached.
     *
     * @param roleName        the role assumed in each member account
     * @param includeAccounts only these account ids, or empty for all
     * @param excludeAccounts never these account ids
     * @param includeOus      only accounts under these OUs (children included), or empty for all
     * @param parallelism     how many accounts are scanned at once
     */
    record Fleet(String roleName, List<String> includeAccounts, List<String> excludeAccounts, List<String> includeOus, int parallelism) {
    }

    static final String DEFAULT_ROLE_NAME = "mfa-watch-audit";

    static final String DEFAULT_REGION = "us-east-1";

    static AwsSettings read(Settings s) {
        String region = s.getString("region", DEFAULT_REGION);
        if (!isRegion(region)) {
            s.reject("region", "is not an AWS region (e.g. us-east-1)");
        }
        String roleArn = s.findString("role-arn").orElse(null);
        if (roleArn != null && !roleArn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
            s.reject("role-arn", "is not a role ARN (arn:aws:iam::123456789012:role/name)");
        }
        String externalId = s.findString("external-id").orElse(null);
        if (externalId != null && roleArn == null) {
            s.reject("external-id", "is set but role-arn is not: the external id only goes with a role to assume");
        }
        return new AwsSettings(region, s.findUri("endpoint").orElse(null), s.findUri("cloudtrail-endpoint").orElse(null),
                s.findString("profile").orElse(null), roleArn, externalId, s.getDuration("timeout", Monitor.DEFAULT_TIMEOUT), fleet(s));
    }

    private static @Nullable Fleet fleet(Settings s) {
        boolean organization = s.getChoice("accounts", "this", "this", "organization").equals("organization");
        List<String> fleetKeys = List.of("role-name", "include-accounts", "exclude-accounts", "include-ous", "parallelism");
        if (!organization) {
            for (String key : fleetKeys) {
                if (s.findString(key).isPresent()) {
                    s.reject(key, "only goes with accounts=organization");
                }
            }
            return null;
        }
        String roleName = s.getString("role-name", DEFAULT_ROLE_NAME);
        if (!roleName.matches("[\\w+=,.@/-]{1,64}")) {
            s.reject("role-name", "is not an IAM role name (the name only, not an ARN)");
        }
        List<String> include = accountIds(s, "include-accounts");
        List<String> exclude = accountIds(s, "exclude-accounts");
        List<String> ous = s.getList("include-ous", List.of());
        for (String ou : ous) {
            if (!ou.matches("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32}")) {
                s.reject("include-ous", "lists " + ou + ", which is not an OU id (ou-…) or a root id (r-…)");
            }
        }
        return new Fleet(roleName, include, exclude, ous, s.getInt("parallelism", 8, 1, 64));
    }

    private static List<String> accountIds(Settings s, String key) {
        List<String> ids = s.getList(key, List.of());
        for (String id : ids) {
            if (!id.matches("\\d{12}")) {
                s.reject(key, "lists " + id + ", which is not a 12-digit account id");
            }
        }
        return ids;
    }

    static List<String> regions(Settings s, String key, List<String> dflt) {
        List<String> regions = s.getList(key, dflt);
        for (String r : regions) {
            if (!isRegion(r)) {
                s.reject(key, "lists " + r + ", which is not an AWS region");
            }
        }
        return regions;
    }

    private static boolean isRegion(String text) {
        return text.matches("[a-z]{2}(-[a-z]+)+-\\d+");
    }
}
