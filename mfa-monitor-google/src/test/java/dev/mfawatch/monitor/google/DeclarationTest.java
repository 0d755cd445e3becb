package dev.mfawatch.monitor.google;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

class DeclarationTest extends ProviderDeclarationContract {

    DeclarationTest() {
        super(GoogleWorkspaceMonitorProvider.class, "dev.mfawatch.monitor.google", Map.of("monitor", Set.of("google-workspace")));
    }
}
