package dev.mfawatch.monitor.github;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

class DeclarationTest extends ProviderDeclarationContract {

    DeclarationTest() {
        super(GitHubMonitorProvider.class, "dev.mfawatch.monitor.github", Map.of("monitor", Set.of("github")));
    }
}
