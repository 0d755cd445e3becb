package dev.mfawatch.monitor.okta;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

class DeclarationTest extends ProviderDeclarationContract {

    DeclarationTest() {
        super(OktaMonitorProvider.class, "dev.mfawatch.monitor.okta", Map.of("monitor", Set.of("okta")));
    }
}
