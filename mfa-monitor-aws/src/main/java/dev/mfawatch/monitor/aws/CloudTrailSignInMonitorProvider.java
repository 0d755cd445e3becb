package dev.mfawatch.monitor.aws;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SpiVersion;
import java.time.Duration;

/**
 * {@code type=aws-cloudtrail-signin}: console sign-ins without MFA. Keys: {@code regions} (default
 * us-east-1, us-east-2, eu-north-1, ap-southeast-2: where console sign-ins are recorded),
 * {@code lookback} (first run, default 1h), {@code overlap} (default 15m), {@code region},
 * {@code endpoint}, {@code cloudtrail-endpoint}, {@code profile}, {@code role-arn}, {@code external-id},
 * {@code timeout}.
 */
public final class CloudTrailSignInMonitorProvider implements MonitorProvider {

    private final AwsClients.CredentialsSource credentials;

    /** Creates the provider; does no work. Credentials come from the SDK's default chain or a profile. */
    public CloudTrailSignInMonitorProvider() {
        this(AwsClients.SDK_DEFAULT);
    }

    CloudTrailSignInMonitorProvider(AwsClients.CredentialsSource credentials) {
        this.credentials = credentials;
    }

    @Override
    public String type() {
        return "aws-cloudtrail-signin";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Monitor create(Settings settings) {
        AwsSettings aws = AwsSettings.read(settings);
        AwsClients clients = new AwsClients(aws, credentials);
        return new CloudTrailSignInMonitor(clients,
                AwsSettings.regions(settings, "regions", CloudTrailSignInMonitor.DEFAULT_REGIONS),
                settings.getDuration("lookback", Duration.ofHours(1), Duration.ofMinutes(1), AwsIamMonitorProvider.MAX_OVERLAP),
                settings.getDuration("overlap", AwsIamMonitorProvider.DEFAULT_OVERLAP, Duration.ZERO,
                        AwsIamMonitorProvider.MAX_OVERLAP),
                new CloudTrailReader(), aws.fleet() == null ? null : new AwsFleet(aws, clients));
    }
}
