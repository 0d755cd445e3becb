package dev.mfawatch.monitor.aws;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SpiVersion;
import java.time.Duration;

/**
 * {@code type=aws-iam}: IAM users with a console password and no MFA, and the root account.
 * Keys: {@code method} ({@code credential-report} | {@code per-user}), {@code refresh}
 * ({@code cloudtrail} | {@code none}), {@code overlap} (default 15m), {@code region}, {@code endpoint},
 * {@code cloudtrail-endpoint}, {@code profile}, {@code role-arn}, {@code external-id}, {@code timeout}.
 */
public final class AwsIamMonitorProvider implements MonitorProvider {

    /** CloudTrail keeps 90 days of events; a window longer than that would read nothing more. */
    static final Duration MAX_OVERLAP = Duration.ofDays(90);

    static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(15);

    private final AwsClients.CredentialsSource credentials;
    private final java.util.function.Supplier<CloudTrailReader> readers;

    /** Creates the provider; does no work. Credentials come from the SDK's default chain or a profile. */
    public AwsIamMonitorProvider() {
        this(AwsClients.SDK_DEFAULT, CloudTrailReader::new);
    }

    AwsIamMonitorProvider(AwsClients.CredentialsSource credentials) {
        this(credentials, CloudTrailReader::new);
    }

    AwsIamMonitorProvider(AwsClients.CredentialsSource credentials, java.util.function.Supplier<CloudTrailReader> readers) {
        this.credentials = credentials;
        this.readers = readers;
    }

    @Override
    public String type() {
        return "aws-iam";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Monitor create(Settings settings) {
        AwsSettings aws = AwsSettings.read(settings);
        AwsIamMonitor.Method method = settings.getChoice("method", "credential-report", "credential-report", "per-user")
                .equals("per-user") ? AwsIamMonitor.Method.PER_USER : AwsIamMonitor.Method.CREDENTIAL_REPORT;
        boolean refresh = settings.getChoice("refresh", "cloudtrail", "cloudtrail", "none").equals("cloudtrail");
        Duration overlap = settings.getDuration("overlap", DEFAULT_OVERLAP, Duration.ZERO, MAX_OVERLAP);
        AwsClients clients = new AwsClients(aws, credentials);
        return new AwsIamMonitor(clients, method, new IamRefresher(refresh, overlap, readers.get()),
                aws.fleet() == null ? null : new AwsFleet(aws, clients));
    }
}
