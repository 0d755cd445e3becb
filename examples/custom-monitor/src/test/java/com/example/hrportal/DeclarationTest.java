package com.example.hrportal;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

/** The provider is declared alike for the module path and the class path, and uses only model and spi. */
class DeclarationTest extends ProviderDeclarationContract {

    DeclarationTest() {
        super(HrPortalMonitorProvider.class, "com.example.hrportal", Map.of("monitor", Set.of("hr-portal")));
    }
}
