package dev.mfawatch.monitor.entra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.model.ConfigurationException;
import dev.mfawatch.spi.Settings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntraSettingsTest {

    private static final Map<String, String> GOOD = Map.of("tenant-id", FakeGraph.TENANT, "client-id", FakeGraph.CLIENT_ID,
            "client-secret", "s3cr3t-value");

    private static String problems(Map<String, String> changes) {
        Map<String, String> m = new HashMap<>(GOOD);
        changes.forEach((k, v) -> {
            if (v.isEmpty()) {
                m.remove(k);
            } else {
                m.put(k, v);
            }
        });
        try {
            new EntraMonitorProvider().create(Settings.of("mfawatch.monitor.entra", m)).close();
            return "";
        } catch (ConfigurationException e) {
            return e.getMessage();
        }
    }

    @Test
    void goodSettingsPassAndDefaultToMicrosoftsPublicCloud() {
        assertThat(problems(Map.of())).isEmpty();
        EntraSettings s = EntraSettings.read(Settings.of("mfawatch.monitor.entra", GOOD));
        assertThat(s.endpoint()).hasToString("https://graph.microsoft.com");
        assertThat(s.loginEndpoint()).hasToString("https://login.microsoftonline.com");
        assertThat(s.overlap()).isEqualTo(Duration.ofMinutes(30));
        assertThat(new EntraMonitorProvider().defaultTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(problems(Map.of("tenant-id", "contoso.onmicrosoft.com"))).isEmpty();
        assertThat(problems(Map.of("endpoint", "https://graph.microsoft.us", "login-endpoint", "https://login.microsoftonline.us")))
                .as("a national cloud").isEmpty();
    }

    @Test
    void mistakesAreNamedTogether() {
        assertThat(problems(Map.of("tenant-id", "common"))).contains("one tenant");
        assertThat(problems(Map.of("client-id", "my-app"))).contains("client-id", "GUID");
        assertThat(problems(Map.of("client-secret", ""))).contains("client-secret or certificate");
        assertThat(problems(Map.of("certificate", "/tmp/x.pem"))).contains("use one of them").doesNotContain("s3cr3t-value");
        assertThat(problems(Map.of("endpoint", "https://graph.microsoft.com/v1.0"))).contains("origin only");
        assertThat(problems(Map.of("login-endpoint", "http://login.microsoftonline.com"))).contains("in clear");
        assertThat(problems(Map.of("guests", "hide"))).contains("guests");
        assertThat(problems(Map.of("certificate-password", "x"))).contains("only goes with certificate");
    }
}
