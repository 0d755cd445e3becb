package dev.mfawatch.store.s3;

import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SnapshotStore;
import dev.mfawatch.spi.SnapshotStoreProvider;
import dev.mfawatch.spi.SpiVersion;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * {@code mfawatch.store.type=s3}: the store in an S3 bucket, for runners without a disk (AWS Lambda,
 * CI). Keys (under {@code mfawatch.store.s3.}): {@code bucket} (required), {@code prefix} (default
 * {@code mfa-watch/}), {@code region} (default: the SDK's region chain, {@code AWS_REGION} on Lambda),
 * {@code profile}, {@code sse} ({@code AES256}, the default, or {@code aws:kms}), {@code kms-key-id},
 * {@code lease-ttl} (default 1h), {@code timeout} (per S3 call, default 30s),
 * {@code max-object-size} (default 256MB), {@code endpoint} (an S3-compatible server or a test fake:
 * path-style addressing, checksums only where S3 requires them). Credentials come from the SDK's
 * default chain (the Lambda role) or {@code profile}; none is a setting.
 */
public final class S3SnapshotStoreProvider implements SnapshotStoreProvider {

    // The rules of a general purpose bucket's name, less the rare dotted names that break TLS.
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    /** How the SDK's credentials are found: the default chain, or a test's own. */
    interface CredentialsSource {
        AwsCredentialsProvider create(@Nullable String profile);
    }

    private final CredentialsSource credentials;
    private final Clock clock;

    /** Creates the provider; does no work. */
    public S3SnapshotStoreProvider() {
        this(profile -> profile == null ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.builder().profileName(profile).build(), Clock.systemUTC());
    }

    S3SnapshotStoreProvider(CredentialsSource credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public String type() {
        return "s3";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public SnapshotStore create(Settings settings) {
        String bucket = settings.getString("bucket");
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            settings.reject("bucket", "is not an S3 bucket name (3 to 63 lower-case letters, digits, dots and hyphens), e.g. acme-mfa-watch");
        }
        String prefix = settings.getString("prefix", "mfa-watch/");
        if (prefix.startsWith("/") || prefix.contains("//") || prefix.length() > 200) {
            settings.reject("prefix", "must not start with / nor hold //, and at most 200 characters (e.g. mfa-watch/ or teams/security/)");
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        URI endpoint = settings.findString("endpoint").isPresent()
                ? settings.getOrigin("endpoint", null, "https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000") : null;
        String region = settings.findString("region").orElseGet(() -> regionFromChain().orElse(""));
        if (region.isEmpty()) {
            settings.reject("region", "is needed: no region is set and the SDK found none (AWS_REGION, a profile's region)");
        } else if (!REGION.matcher(region).matches()) {
            settings.reject("region", "is not an AWS region (e.g. eu-west-1)");
        }
        String sseName = settings.getChoice("sse", "AES256", "AES256", "aws:kms");
        ServerSideEncryption sse = ServerSideEncryption.fromValue(sseName);
        String kmsKeyId = settings.findString("kms-key-id").orElse(null);
        if (kmsKeyId != null && sse != ServerSideEncryption.AWS_KMS) {
            settings.reject("kms-key-id", "is used only with sse=aws:kms");
        }
        Duration timeout = settings.getDuration("timeout", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(10));
        Duration leaseTtl = settings.getDuration("lease-ttl", Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(1));
        long maxBytes = settings.getSize("max-object-size", 256L << 20, 1L << 20, 2000L << 20);
        String profile = settings.findString("profile").orElse(null);

        // The URL connection logs every header at FINE, a session token included: held at INFO.
        dev.mfawatch.spi.WireLoggers.quiet();
        AwsCredentialsProvider credentialsProvider = credentials.create(profile);
        refuseSignerDebugLogging(credentialsProvider);
        Duration step = timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10);
        S3ClientBuilder b = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentialsProvider)
                // No redirects: the URL connection client does not follow them, and S3's own 301 names a region.
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(step).socketTimeout(timeout))
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(timeout)
                        .apiCallAttemptTimeout(timeout).build());
        if (endpoint != null) {
            // S3-compatible servers and the tests' fake take path-style addressing and plain bodies;
            // the Content-MD5 on every write still guards the body.
            b.endpointOverride(endpoint).forcePathStyle(true)
                    .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        S3Objects objects = new S3Objects(b.build(), bucket, sse, kmsKeyId, maxBytes, timeout);
        return new S3SnapshotStore(objects, prefix, clock, leaseTtl);
    }

    /**
     * A Lambda, ECS or SSO role signs with a session token, which the SDK's signer prints at DEBUG;
     * mfa-watch cannot hold a host's SLF4J logger at INFO, so with such credentials it refuses to
     * open the store rather than print the token. Credentials are resolved only in that case.
     */
    private static void refuseSignerDebugLogging(AwsCredentialsProvider provider) {
        if (dev.mfawatch.spi.WireLoggers.awsSignerLogsAtDebug()
                && provider.resolveCredentials() instanceof software.amazon.awssdk.auth.credentials.AwsSessionCredentials) {
            throw new dev.mfawatch.model.SnapshotStoreException("the AWS SDK's signer logs at DEBUG, and would print the session "
                    + "token of the store's credentials: " + dev.mfawatch.spi.WireLoggers.AWS_SIGNER_ADVICE, null);
        }
    }

    private static Optional<String> regionFromChain() {
        try {
            // The environment, system properties and profile only: never the instance metadata service.
            return Optional.of(new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
                    .getRegion().id());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
