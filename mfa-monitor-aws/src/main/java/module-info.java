/**
 * AWS monitors: {@code aws-iam} (IAM users and the root account, from the credential report or
 * per user), {@code aws-credential-report-file} (the same from a saved report, offline) and
 * {@code aws-cloudtrail-signin} (console sign-ins without MFA, from CloudTrail).
 *
 * @provides dev.mfawatch.spi.MonitorProvider
 */
module dev.mfawatch.monitor.aws {
    requires dev.mfawatch.core;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires software.amazon.awssdk.services.iam;
    requires software.amazon.awssdk.services.cloudtrail;
    requires software.amazon.awssdk.services.sts;
    requires software.amazon.awssdk.services.organizations;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.profiles;
    requires software.amazon.awssdk.identity.spi;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.http;
    requires static org.jspecify;

    provides dev.mfawatch.spi.MonitorProvider with
            dev.mfawatch.monitor.aws.AwsIamMonitorProvider,
            dev.mfawatch.monitor.aws.CredentialReportFileMonitorProvider,
            dev.mfawatch.monitor.aws.CloudTrailSignInMonitorProvider;
}
