package dev.mfawatch.notifier.slack;

import dev.mfawatch.spi.contract.ProviderDeclarationContract;
import java.util.Map;
import java.util.Set;

class DeclarationTest extends ProviderDeclarationContract {

    DeclarationTest() {
        super(SlackNotifierProvider.class, "dev.mfawatch.notifier.slack", Map.of("notifier", Set.of("slack")));
    }
}
