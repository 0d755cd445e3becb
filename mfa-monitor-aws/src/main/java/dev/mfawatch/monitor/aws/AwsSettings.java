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
 */
record AwsSettings(String region, @Nullable URI endpoint, @Nullable URI cloudTrailEndpoint, @Nullable String profile,
                   @Nullable String roleArn, @Nullable String externalId, Duration timeout) {

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
                s.findString("profile").orElse(null), roleArn, externalId, s.getDuration("timeout", Monitor.DEFAULT_TIMEOUT));
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
