package dev.mfawatch.notifier.webhook;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

class DeclarationTest extends ProviderDeclarationContract {

    @Override
    protected Class<?> anyClassOfTheModule() {
        return WebhookNotifierProvider.class;
    }

    @Override
    protected String moduleName() {
        return "dev.mfawatch.notifier.webhook";
    }

    @Override
    protected Map<String, Set<String>> types() {
        return Map.of("notifier", Set.of("webhook"));
    }
}
