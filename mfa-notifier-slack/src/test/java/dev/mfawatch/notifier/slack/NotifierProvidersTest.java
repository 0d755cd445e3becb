package dev.mfawatch.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.core.ProviderRegistry;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NotifierProvidersTest {

    @Test
    void serviceLoaderFindsSlackAndWebhook() {
        ProviderRegistry r = ProviderRegistry.load(getClass().getClassLoader());
        assertThat(r.notifier("slack")).isInstanceOf(SlackNotifierProvider.class);
        assertThat(r.notifier("webhook")).isInstanceOf(WebhookNotifierProvider.class);
    }

    @Test
    void moduleInfoAndMetaInfServicesAgree() throws Exception {
        Path classes = Path.of(SlackNotifierProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor d = ModuleFinder.of(classes).findAll().iterator().next().descriptor();
        assertThat(d.name()).isEqualTo("dev.mfawatch.notifier.slack");
        ModuleDescriptor.Provides provides = d.provides().iterator().next();
        try (InputStream in = SlackNotifierProvider.class.getResourceAsStream("/META-INF/services/" + provides.service())) {
            Set<String> listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).collect(Collectors.toSet());
            assertThat(listed).isEqualTo(Set.copyOf(provides.providers()));
        }
    }
}
