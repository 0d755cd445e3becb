package dev.mfawatch.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.core.ConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {

    @Test
    void environmentAndSystemPropertiesOverrideTheFileInThatOrder() {
        Settings s = Settings.fromSources(
                Map.of("mfawatch.monitor.gh.organization", "file-org", "mfawatch.monitor.gh.timeout", "10s",
                        "mfawatch.baseline", "report"),
                Map.of("MFAWATCH_MONITOR_GH_ORGANIZATION", "env-org", "MFAWATCH_MONITOR_GH_TIMEOUT", "20s", "PATH", "/bin"),
                Map.of("mfawatch.monitor.gh.timeout", "30s", "java.version", "17"));
        Settings gh = s.scoped("mfawatch.monitor.gh");
        assertThat(gh.get("organization")).contains("env-org");
        assertThat(gh.duration("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.get("mfawatch.baseline")).contains("report");
        assertThat(s.scoped("mfawatch").keys()).containsExactly("mfawatch.baseline",
                "MFAWATCH_MONITOR_GH_ORGANIZATION", "mfawatch.monitor.gh.timeout");
    }

    @Test
    void onlyMfawatchVariablesAndPropertiesAreSettings() {
        Settings s = Settings.fromSources(Map.of(), Map.of("HOME", "/root", "MFAWATCH_BASELINE", "silent"),
                Map.of("user.home", "/root"));
        assertThat(s.keys()).containsExactly("MFAWATCH_BASELINE");
    }

    @Test
    void dashesUnderscoresAndCaseNameTheSameKey() {
        Settings s = Settings.of(Map.of("MFAWATCH.NOTIFIER.SLACK.WEBHOOK_URL", "https://hooks.example/x"));
        assertThat(s.scoped("mfawatch.notifier.slack").get("webhook-url")).contains("https://hooks.example/x");
    }

    @Test
    void environmentReferencesAreResolvedAndAMissingOneIsNamed() {
        Settings s = Settings.fromSources(Map.of("mfawatch.monitor.gh.token", "${env:GH_TOKEN}",
                        "mfawatch.monitor.gh.url", "https://${env:HOST}/api/${env:MISSING_ONE}"),
                Map.of("GH_TOKEN", "ghp_canary1234", "HOST", "ghe.local"), Map.of());
        Settings gh = s.scoped("mfawatch.monitor.gh");
        assertThat(gh.secret("token").reveal()).isEqualTo("ghp_canary1234");
        assertThatThrownBy(() -> gh.get("url")).isInstanceOf(ConfigurationException.class)
                .hasMessage("mfawatch.monitor.gh.url refers to ${env:MISSING_ONE}, but the environment variable MISSING_ONE is not set");
    }

    @Test
    void aMissingRequiredKeyIsNamed() {
        Settings gh = Settings.of(Map.of()).scoped("mfawatch.monitor.gh");
        assertThatThrownBy(() -> gh.require("organization")).isInstanceOf(ConfigurationException.class)
                .hasMessage("mfawatch.monitor.gh.organization is required but not set")
                .extracting(e -> ((ConfigurationException) e).key()).isEqualTo("mfawatch.monitor.gh.organization");
    }

    @ParameterizedTest
    @CsvSource({"500ms, 500", "90s, 90000", "15m, 900000", "2h, 7200000", "1d, 86400000", "1h30m, 5400000",
            "PT1M, 60000", "0s, 0", " 45S , 45000"})
    void durationsInEveryAcceptedForm(String text, long millis) {
        assertThat(Settings.of(Map.of("k", text)).duration("k", Duration.ZERO)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5x", "90", "-5s", "PT-1M", "1.5h", "s", "m5"})
    void malformedDurationsNameKeyValueAndTheExpectedForm(String text) {
        Settings s = Settings.of(Map.of("mfawatch.monitor.gh.poll-interval", text)).scoped("mfawatch.monitor.gh");
        assertThatThrownBy(() -> s.duration("poll-interval", Duration.ZERO)).isInstanceOf(ConfigurationException.class)
                .hasMessage("mfawatch.monitor.gh.poll-interval=" + text.strip() + " is not a duration (try 30s or 5m)");
    }

    @Test
    void numbersFlagsListsAndChoices() {
        Settings s = Settings.of(Map.of("n", "42", "bad", "4 2", "flag", "TRUE", "list", " a, b ,,c ", "mode", "Silent"));
        assertThat(s.integer("n", 0)).isEqualTo(42);
        assertThat(s.integer("absent", 7)).isEqualTo(7);
        assertThatThrownBy(() -> s.integer("bad", 0)).hasMessage("bad=4 2 is not a whole number (e.g. 100)");
        assertThat(s.bool("flag", false)).isTrue();
        assertThatThrownBy(() -> s.bool("n", false)).hasMessage("n=42 is not true or false");
        assertThat(s.list("list")).containsExactly("a", "b", "c");
        assertThat(s.list("absent")).isEmpty();
        assertThat(s.choice("mode", "report", "report", "silent")).isEqualTo("silent");
        assertThatThrownBy(() -> s.choice("n", "report", "report", "silent")).hasMessage("n=42 is not one of report, silent");
    }

    @Test
    void secretValuesNeverShowInDescriptionsMessagesOrToString() {
        Settings s = Settings.fromSources(Map.of(
                        "mfawatch.monitor.gh.token", "ghp_canaryTOKEN123",
                        "mfawatch.notifier.slack.webhook-url", "https://hooks.slack.test/services/T0/B0/canarySECRET",
                        "mfawatch.monitor.gh.api-key", "${env:KEY}",
                        "mfawatch.monitor.gh.custom", "custom-canary-value",
                        "mfawatch.monitor.gh.organization", "acme"),
                Map.of("KEY", "resolved-canary-key"), Map.of());
        Settings gh = s.scoped("mfawatch.monitor.gh");
        gh.secret("custom");
        String everything = s + " " + s.describe() + " " + gh;
        assertThat(everything).doesNotContain("ghp_canaryTOKEN123", "canarySECRET", "custom-canary-value")
                .contains("acme", "****");
        assertThat(s.redact("GET failed for token ghp_canaryTOKEN123 at https://hooks.slack.test/services/T0/B0/canarySECRET"
                + " with resolved-canary-key and custom-canary-value"))
                .isEqualTo("GET failed for token **** at **** with **** and ****");
        Settings bad = Settings.of(Map.of("mfawatch.monitor.gh.token", "not-a-number")).scoped("mfawatch.monitor.gh");
        assertThatThrownBy(() -> bad.integer("token", 0)).hasMessage("mfawatch.monitor.gh.token=(value hidden) is not a whole number (e.g. 100)");
        assertThat(Secret.of("s3cr3t").toString()).isEqualTo("****");
    }

    @Test
    void unreadKeysAreTheOnesNobodyAskedFor() {
        Settings s = Settings.of(Map.of("mfawatch.monitor.gh.type", "github", "mfawatch.monitor.gh.tokne", "x",
                "mfawatch.monitor.gh.organization", "acme", "mfawatch.monitor.other.type", "aws-iam"));
        Settings gh = s.scoped("mfawatch.monitor.gh");
        gh.get("type");
        gh.get("organization");
        gh.get("token");
        assertThat(gh.unreadKeys()).containsExactly("mfawatch.monitor.gh.tokne");
        assertThat(s.scoped("mfawatch").unreadKeys()).containsExactly("mfawatch.monitor.gh.tokne", "mfawatch.monitor.other.type");
    }

    @Test
    void pathsAndUrls() {
        Settings s = Settings.of(Map.of("dir", "/var/lib/mfa-watch", "bad", "a\u0000b", "api", "https://ghe.example/api/v3",
                "ftp", "ftp://x", "my.webhook-url", "hooks.slack.com/services/SECRET"));
        assertThat(s.path("dir")).contains(java.nio.file.Path.of("/var/lib/mfa-watch"));
        assertThat(s.path("absent")).isEmpty();
        assertThatThrownBy(() -> s.path("bad")).hasMessageStartingWith("bad=a\u0000b is not a valid path");
        assertThat(s.httpUrl("api")).contains(java.net.URI.create("https://ghe.example/api/v3"));
        assertThatThrownBy(() -> s.httpUrl("ftp")).hasMessage("ftp=ftp://x is not an http(s) URL");
        assertThatThrownBy(() -> s.httpUrl("my.webhook-url")).hasMessage("my.webhook-url=(value hidden) is not an http(s) URL");
    }

    @Test
    void anEmptyValueCountsAsUnset() {
        Settings s = Settings.of(Map.of("a", "  "));
        assertThat(s.get("a")).isEmpty();
        assertThat(s.list("a")).isEqualTo(List.of());
    }
}
