package dev.mfawatch.exemptions;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

class DeclarationTest extends ProviderDeclarationContract {

    @Override
    protected Class<?> anyClassOfTheModule() {
        return ExemptionFileLoader.class;
    }

    @Override
    protected String moduleName() {
        return "dev.mfawatch.exemptions";
    }

    @Override
    protected Map<String, Set<String>> types() {
        return Map.of();
    }
}
