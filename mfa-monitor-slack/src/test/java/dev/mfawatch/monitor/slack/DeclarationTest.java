package dev.mfawatch.monitor.slack;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

class DeclarationTest extends ProviderDeclarationContract {

    DeclarationTest() {
        super(SlackWorkspaceMonitorProvider.class, "dev.mfawatch.monitor.slack", Map.of("monitor", Set.of("slack-workspace")));
    }
}
