package dev.mfawatch.core.internal;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

class DeclarationTest extends ProviderDeclarationContract {

    DeclarationTest() {
        super(LoggingNotifierProvider.class, "dev.mfawatch.core", Map.of("notifier", Set.of("log"), "store", Set.of("memory")));
    }

    @Override
    protected boolean exportsNothing() {
        return false;
    }
}
