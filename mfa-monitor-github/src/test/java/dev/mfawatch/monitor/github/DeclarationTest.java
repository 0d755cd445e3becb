package dev.mfawatch.monitor.github;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

class DeclarationTest extends ProviderDeclarationContract {

    @Override
    protected Class<?> anyClassOfTheModule() {
        return GitHubMonitorProvider.class;
    }

    @Override
    protected String moduleName() {
        return "dev.mfawatch.monitor.github";
    }

    @Override
    protected Map<String, Set<String>> types() {
        return Map.of("monitor", Set.of("github"));
    }
}
