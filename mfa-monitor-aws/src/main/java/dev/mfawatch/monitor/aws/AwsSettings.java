package dev.mfawatch.monitor.aws;

import dev.mfawatch.core.ConfigurationException;
import dev.mfawatch.core.MfaWatch;
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
 */
record AwsSettings(String region, @Nullable URI endpoint, @Nullable URI cloudTrailEndpoint, @Nullable String profile,
                   @Nullable String roleArn, @Nullable String externalId, Duration timeout) {

    static final String DEFAULT_REGION = "us-east-1";

    static AwsSettings read(Settings s) {
        String region = s.get("region", DEFAULT_REGION);
        if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            throw new ConfigurationException(s.fullKey("region"), s.fullKey("region") + "=" + region
                    + " is not an AWS region (e.g. us-east-1)");
        }
        String roleArn = s.get("role-arn").orElse(null);
        if (roleArn != null && !roleArn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
            throw new ConfigurationException(s.fullKey("role-arn"), s.fullKey("role-arn") + "=" + roleArn
                    + " is not a role ARN (arn:aws:iam::123456789012:role/name)");
        }
        String externalId = s.get("external-id").orElse(null);
        if (externalId != null && roleArn == null) {
            throw new ConfigurationException(s.fullKey("external-id"), s.fullKey("external-id")
                    + " is set but role-arn is not: the external id only goes with a role to assume");
        }
        return new AwsSettings(region, uri(s, "endpoint"), uri(s, "cloudtrail-endpoint"), s.get("profile").orElse(null),
                roleArn, externalId, s.duration("timeout", MfaWatch.DEFAULT_TIMEOUT));
    }

    static List<String> regions(Settings s, String key, List<String> dflt) {
        List<String> regions = s.list(key);
        for (String r : regions) {
            if (!r.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
                throw new ConfigurationException(s.fullKey(key), s.fullKey(key) + " lists " + r + ", which is not an AWS region");
            }
        }
        return regions.isEmpty() ? dflt : regions;
    }

    private static @Nullable URI uri(Settings s, String key) {
        return s.httpUrl(key).orElse(null);
    }
}
