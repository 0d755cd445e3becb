package dev.mfawatch.exemptions;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;

class DeclarationTest extends ProviderDeclarationContract {

    DeclarationTest() {
        super(ExemptionFileLoader.class, "dev.mfawatch.exemptions", Map.of());
    }
}
