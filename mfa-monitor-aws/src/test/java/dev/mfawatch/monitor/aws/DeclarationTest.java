package dev.mfawatch.monitor.aws;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

class DeclarationTest extends ProviderDeclarationContract {

    @Override
    protected Class<?> anyClassOfTheModule() {
        return AwsIamMonitorProvider.class;
    }

    @Override
    protected String moduleName() {
        return "dev.mfawatch.monitor.aws";
    }

    @Override
    protected Map<String, Set<String>> types() {
        return Map.of("monitor", Set.of("aws-iam", "aws-credential-report-file", "aws-cloudtrail-signin"));
    }
}
