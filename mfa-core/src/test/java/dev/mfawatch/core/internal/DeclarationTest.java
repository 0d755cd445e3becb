package dev.mfawatch.core.internal;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

class DeclarationTest extends ProviderDeclarationContract {

    @Override
    protected Class<?> anyClassOfTheModule() {
        return LoggingNotifierProvider.class;
    }

    @Override
    protected String moduleName() {
        return "dev.mfawatch.core";
    }

    @Override
    protected boolean exportsNothing() {
        return false;
    }

    @Override
    protected Map<String, Set<String>> types() {
        return Map.of("notifier", Set.of("log"), "store", Set.of("memory"));
    }
}
