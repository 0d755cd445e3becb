package dev.mfawatch.monitor.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The AWS clients of one monitor instance, built lazily on the first scan (creating a monitor never
 * touches the network) and closed with the monitor. Credentials: the SDK's default provider chain,
 * or a named profile, then optionally a role assumed with STS.
 */
final class AwsClients implements AutoCloseable {

    /** Makes the base credentials; tests hand in static ones so nothing looks for real ones. */
    interface CredentialsSource {
        AwsCredentialsProvider create(@Nullable String profile);
    }

    static final CredentialsSource SDK_DEFAULT = profile -> profile == null
            ? DefaultCredentialsProvider.builder().build()
            : ProfileCredentialsProvider.builder().profileName(profile).build();

    private final AwsSettings settings;
    private final CredentialsSource source;
    /** For a member account of a fleet: the hub's credentials the member role is assumed with, else {@code null}. */
    private final @Nullable AwsCredentialsProvider parent;
    private final @Nullable String memberRoleArn;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Map<String, CloudTrailClient> cloudTrail = new ConcurrentHashMap<>();
    private @Nullable AwsCredentialsProvider credentials;
    private @Nullable IamClient iam;
    private @Nullable StsClient sts;

    AwsClients(AwsSettings settings, CredentialsSource source) {
        this(settings, source, null, null);
    }

    private AwsClients(AwsSettings settings, CredentialsSource source, @Nullable AwsCredentialsProvider parent,
                       @Nullable String memberRoleArn) {
        this.settings = settings;
        this.source = source;
        this.parent = parent;
        this.memberRoleArn = memberRoleArn;
    }

    /**
     * The clients of a member account: its role, assumed with this identity's credentials (the
     * hub's, themselves possibly an assumed {@code role-arn}), with the external id if one is set.
     *
     * @param roleArn the member account's role
     * @return clients to close when the account is done
     */
    AwsClients forMember(String roleArn) {
        return new AwsClients(settings, source, credentials(), roleArn);
    }

    /**
     * What CloudTrail's per-account, per-region limit counts calls against.
     *
     * @param region the region
     * @return the member account (or the scanning identity's own) and the region
     */
    String paceKey(String region) {
        String account = memberRoleArn == null ? null : IamUser.accountIdOf(memberRoleArn);
        return (account == null ? "self" : account) + "@" + region;
    }

    synchronized software.amazon.awssdk.services.organizations.OrganizationsClient organizations() {
        var b = software.amazon.awssdk.services.organizations.OrganizationsClient.builder().region(organizationsRegion())
                .credentialsProvider(credentials()).overrideConfiguration(overrides()).httpClientBuilder(http());
        // One override serves IAM, STS and Organizations alike, as the tests' fake does.
        if (settings.endpoint() != null) {
            b.endpointOverride(settings.endpoint());
        }
        return keep(b.build());
    }

    /** Organizations lives in one region per partition. */
    private Region organizationsRegion() {
        String r = settings.region();
        return r.startsWith("cn-") ? Region.CN_NORTHWEST_1 : r.startsWith("us-gov-") ? Region.US_GOV_WEST_1 : Region.US_EAST_1;
    }

    /**
     * Resolves the credentials once before any call, so a missing or unusable identity is one clear
     * message rather than a failure of whichever call came first.
     */
    void checkCredentials() {
        try {
            credentials().resolveCredentials();
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            throw AwsCalls.translate("sts:AssumeRole", e);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw new dev.mfawatch.model.MonitorException("no AWS credentials: set AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE / the 'profile' key, or run where an instance, task or pod "
                    + "role is available (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")", e);
        }
    }

    synchronized IamClient iam() {
        if (iam == null) {
            var b = IamClient.builder().region(globalRegion()).credentialsProvider(credentials())
                    .overrideConfiguration(overrides()).httpClientBuilder(http());
            if (settings.endpoint() != null) {
                b.endpointOverride(settings.endpoint());
            }
            iam = keep(b.build());
        }
        return iam;
    }

    synchronized StsClient sts() {
        if (sts == null) {
            sts = keep(stsBuilder().credentialsProvider(credentials()).build());
        }
        return sts;
    }

    CloudTrailClient cloudTrail(String region) {
        return cloudTrail.computeIfAbsent(region, r -> {
            var b = CloudTrailClient.builder().region(Region.of(r)).credentialsProvider(credentials())
                    .overrideConfiguration(overrides()).httpClientBuilder(http());
            if (settings.cloudTrailEndpoint() != null) {
                b.endpointOverride(settings.cloudTrailEndpoint());
            }
            return keep(b.build());
        });
    }

    private synchronized AwsCredentialsProvider credentials() {
        if (credentials == null && parent != null && memberRoleArn != null) {
            refuseSignerDebugLogging();
            StsClient assumeWith = keep(stsBuilder().credentialsProvider(parent).build());
            StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(assumeWith)
                    .refreshRequest(r -> {
                        r.roleArn(memberRoleArn).roleSessionName("mfa-watch");
                        if (settings.externalId() != null) {
                            r.externalId(settings.externalId());
                        }
                    })
                    .build();
            opened.add(assumed);
            credentials = assumed;
        }
        if (credentials == null) {
            AwsCredentialsProvider base = source.create(settings.profile());
            if (base instanceof AutoCloseable c) {
                opened.add(c);
            }
            if (settings.roleArn() == null) {
                credentials = base;
            } else {
                refuseSignerDebugLogging();
                StsClient assumeWith = keep(stsBuilder().credentialsProvider(base).build());
                StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(assumeWith)
                        .refreshRequest(r -> {
                            r.roleArn(settings.roleArn()).roleSessionName("mfa-watch");
                            if (settings.externalId() != null) {
                                r.externalId(settings.externalId());
                            }
                        })
                        .build();
                opened.add(assumed);
                credentials = assumed;
            }
        }
        return credentials;
    }

    /**
     * mfa-watch cannot hold an SLF4J logger at INFO for its host, so with a role to assume it refuses
     * to sign while the signer logs at DEBUG: a scan fails rather than print a session token.
     */
    private static void refuseSignerDebugLogging() {
        if (dev.mfawatch.spi.WireLoggers.awsSignerLogsAtDebug()) {
            throw new dev.mfawatch.model.MonitorException("the AWS SDK's signer logs at DEBUG, and would print the assumed "
                    + "role's session token: " + dev.mfawatch.spi.WireLoggers.AWS_SIGNER_ADVICE, null);
        }
    }

    private software.amazon.awssdk.services.sts.StsClientBuilder stsBuilder() {
        var b = StsClient.builder().region(Region.of(settings.region())).overrideConfiguration(overrides())
                .httpClientBuilder(http());
        // One override serves IAM and STS alike, as LocalStack, moto and the tests' fake do.
        if (settings.endpoint() != null) {
            b.endpointOverride(settings.endpoint());
        }
        return b;
    }

    /**
     * The JDK's URL connection, chosen because it has no wire logger: no log level prints a request's
     * headers (signatures, session tokens) or an AssumeRole answer (an assumed role's keys). Connect
     * and socket timeouts bound every read, within the call timeout of {@link #overrides()}.
     */
    private software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.Builder http() {
        // HttpURLConnection logs every request's headers at FINE: held at INFO before the first one.
        dev.mfawatch.spi.WireLoggers.quiet();
        Duration step = settings.timeout().compareTo(Duration.ofSeconds(30)) < 0 ? settings.timeout() : Duration.ofSeconds(30);
        return software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder().connectionTimeout(step).socketTimeout(step);
    }

    private ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder().apiCallTimeout(settings.timeout()).build();
    }

    private Region globalRegion() {
        String r = settings.region();
        if (r.startsWith("cn-")) {
            return Region.AWS_CN_GLOBAL;
        }
        if (r.startsWith("us-gov-")) {
            return Region.AWS_US_GOV_GLOBAL;
        }
        return Region.AWS_GLOBAL;
    }

    private <T extends AutoCloseable> T keep(T client) {
        opened.add(client);
        return client;
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Closing only frees connections; nothing is lost.
            }
        }
        opened.clear();
        cloudTrail.clear();
        iam = null;
        sts = null;
        credentials = null;
    }
}
