package dev.mfawatch.monitor.entra;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

class DeclarationTest extends ProviderDeclarationContract {

    DeclarationTest() {
        super(EntraMonitorProvider.class, "dev.mfawatch.monitor.entra", Map.of("monitor", Set.of("entra")));
    }
}
