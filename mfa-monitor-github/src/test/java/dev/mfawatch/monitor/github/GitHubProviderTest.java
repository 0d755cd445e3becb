package dev.mfawatch.monitor.github;

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

class GitHubProviderTest {

    @Test
    void serviceLoaderFindsTheGithubType() {
        assertThat(ProviderRegistry.load(getClass().getClassLoader()).monitor("github")).isInstanceOf(GitHubMonitorProvider.class);
    }

    @Test
    void theMonitorDescribesWhatItChecks() {
        var m = new GitHubMonitorProvider().create(dev.mfawatch.spi.Settings.of(java.util.Map.of(
                "mfawatch.monitor.gh.organization", "acme", "mfawatch.monitor.gh.token", "t")).scoped("mfawatch.monitor.gh"));
        assertThat(m.rule().id()).isEqualTo("github-2fa");
        assertThat(m.rule().remediation()).contains("require 2FA for the organisation");
    }

    @Test
    void moduleInfoAndMetaInfServicesAgree() throws Exception {
        Path classes = Path.of(GitHubMonitorProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor d = ModuleFinder.of(classes).findAll().iterator().next().descriptor();
        assertThat(d.name()).isEqualTo("dev.mfawatch.monitor.github");
        ModuleDescriptor.Provides provides = d.provides().iterator().next();
        try (InputStream in = GitHubMonitorProvider.class.getResourceAsStream("/META-INF/services/" + provides.service())) {
            Set<String> listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).collect(Collectors.toSet());
            assertThat(listed).isEqualTo(Set.copyOf(provides.providers()));
        }
    }
}
