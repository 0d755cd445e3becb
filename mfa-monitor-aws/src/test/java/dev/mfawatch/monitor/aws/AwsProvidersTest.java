package dev.mfawatch.monitor.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.core.ProviderRegistry;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AwsProvidersTest {

    @Test
    void serviceLoaderFindsTheThreeTypes() {
        ProviderRegistry r = ProviderRegistry.load(getClass().getClassLoader());
        assertThat(r.monitor("aws-iam")).isInstanceOf(AwsIamMonitorProvider.class);
        assertThat(r.monitor("aws-credential-report-file")).isInstanceOf(CredentialReportFileMonitorProvider.class);
        assertThat(r.monitor("aws-cloudtrail-signin")).isInstanceOf(CloudTrailSignInMonitorProvider.class);
    }

    @Test
    void eachMonitorDescribesWhatItChecks() throws java.io.IOException {
        try (FakeAws aws = new FakeAws()) {
            assertThat(AwsTestSupport.iamProvider().create(AwsTestSupport.settings(aws)).rule().id()).isEqualTo("aws-iam-console-mfa");
            assertThat(new CloudTrailSignInMonitorProvider(AwsTestSupport.STATIC).create(AwsTestSupport.settings(aws)).rule().link())
                    .startsWith("https://docs.aws.amazon.com/");
            assertThat(new CredentialReportFileMonitorProvider().create(dev.mfawatch.spi.Settings.of(java.util.Map.of(
                    "mfawatch.monitor.f.path", "x.csv")).scoped("mfawatch.monitor.f")).rule()).isEqualTo(AwsRules.CONSOLE_MFA);
        }
    }

    @Test
    void moduleInfoAndMetaInfServicesAgree() throws Exception {
        Path classes = Path.of(AwsIamMonitorProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor d = ModuleFinder.of(classes).findAll().iterator().next().descriptor();
        assertThat(d.name()).isEqualTo("dev.mfawatch.monitor.aws");
        assertThat(d.exports()).isEmpty();
        ModuleDescriptor.Provides provides = d.provides().iterator().next();
        try (InputStream in = AwsIamMonitorProvider.class.getResourceAsStream("/META-INF/services/" + provides.service())) {
            Set<String> listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).collect(Collectors.toSet());
            assertThat(listed).isEqualTo(Set.copyOf(provides.providers()));
        }
        assertThat(List.copyOf(d.provides())).hasSize(1);
    }
}
