package dev.mfawatch.notifier.slack;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

class DeclarationTest extends ProviderDeclarationContract {

    @Override
    protected Class<?> anyClassOfTheModule() {
        return SlackNotifierProvider.class;
    }

    @Override
    protected String moduleName() {
        return "dev.mfawatch.notifier.slack";
    }

    @Override
    protected Map<String, Set<String>> types() {
        return Map.of("notifier", Set.of("slack"));
    }
}
