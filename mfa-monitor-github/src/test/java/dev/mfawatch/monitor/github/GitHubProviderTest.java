package dev.mfawatch.monitor.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.spi.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitHubProviderTest {

    @Test
    void theMonitorDescribesWhatItChecks() {
        var m = new GitHubMonitorProvider().create(Settings.of("mfawatch.monitor.gh", Map.of("organization", "acme", "token", "t")));
        assertThat(m.rule().id()).isEqualTo("github-2fa");
        assertThat(m.rule().remediation()).contains("require 2FA for the organisation");
    }
}
