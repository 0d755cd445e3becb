package dev.mfawatch.monitor.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AwsProvidersTest {

    @Test
    void eachMonitorDescribesWhatItChecks() throws java.io.IOException {
        try (FakeAws aws = new FakeAws()) {
            assertThat(AwsTestSupport.iamProvider().create(AwsTestSupport.settings(aws)).rule().id()).isEqualTo("aws-iam-console-mfa");
            assertThat(new CloudTrailSignInMonitorProvider(AwsTestSupport.STATIC).create(AwsTestSupport.settings(aws)).rule().link())
                    .startsWith("https://docs.aws.amazon.com/");
            assertThat(new CredentialReportFileMonitorProvider().create(dev.mfawatch.spi.Settings.of("mfawatch.monitor.f",
                    java.util.Map.of("path", "x.csv"))).rule()).isEqualTo(AwsRules.CONSOLE_MFA);
        }
    }
}
