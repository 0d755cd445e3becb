package dev.mfawatch.monitor.aws;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

class DeclarationTest extends ProviderDeclarationContract {

    DeclarationTest() {
        super(AwsIamMonitorProvider.class, "dev.mfawatch.monitor.aws", Map.of("monitor", Set.of("aws-iam", "aws-credential-report-file", "aws-cloudtrail-signin")));
    }
}
