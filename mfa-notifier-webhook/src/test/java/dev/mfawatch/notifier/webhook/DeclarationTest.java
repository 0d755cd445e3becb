package dev.mfawatch.notifier.webhook;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

class DeclarationTest extends ProviderDeclarationContract {

    DeclarationTest() {
        super(WebhookNotifierProvider.class, "dev.mfawatch.notifier.webhook", Map.of("notifier", Set.of("webhook")));
    }
}
