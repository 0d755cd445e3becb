package dev.mfawatch.monitor.gitlab;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

class DeclarationTest extends ProviderDeclarationContract {

    DeclarationTest() {
        super(GitLabMonitorProvider.class, "dev.mfawatch.monitor.gitlab", Map.of("monitor", Set.of("gitlab")));
    }
}
