package dev.mfawatch.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.model.ConfigurationException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The typed getters every {@link Settings} shares, through the map-backed {@link Settings#of}. */
class SettingsTest {

    private static Settings gh(Map<String, String> values) {
        return Settings.of("mfawatch.monitor.gh", values);
    }

    @Test
    void dashesUnderscoresDotsAndCaseNameTheSameKeyWithinAnInstance() {
        Settings s = Settings.of("mfawatch.notifier.slack", Map.of("WEBHOOK_URL", "https://hooks.example/x"));
        assertThat(s.findString("webhook-url")).contains("https://hooks.example/x");
        assertThat(s.fullKey("webhook-url")).isEqualTo("mfawatch.notifier.slack.webhook-url");
    }

    @Test
    void aMissingRequiredKeyIsNamedForEveryType() {
        Settings s = gh(Map.of());
        List<Runnable> required = List.of(() -> s.getString("k"), () -> s.getSecret("k"), () -> s.getInt("k"),
                () -> s.getBoolean("k"), () -> s.getDuration("k"), () -> s.getPercent("k"), () -> s.getSize("k"),
                () -> s.getUri("k"), () -> s.getList("k"), () -> s.getPath("k"), () -> s.getSecretUri("k"));
        for (Runnable r : required) {
            assertThatThrownBy(r::run).isInstanceOf(ConfigurationException.class)
                    .hasMessage("mfawatch.monitor.gh.k is required but not set")
                    .extracting(e -> ((ConfigurationException) e).key()).isEqualTo("mfawatch.monitor.gh.k");
        }
    }

    @Test
    void everyTypeFallsBackToItsDefaultWhenUnset() {
        Settings s = gh(Map.of("blank", "  "));
        assertThat(s.getString("blank", "d")).isEqualTo("d");
        assertThat(s.getInt("x", 7)).isEqualTo(7);
        assertThat(s.getBoolean("x", true)).isTrue();
        assertThat(s.getDuration("x", Duration.ofMinutes(3))).isEqualTo(Duration.ofMinutes(3));
        assertThat(s.getPercent("x", 0.5)).isEqualTo(0.5);
        assertThat(s.getSize("x", 1024)).isEqualTo(1024);
        assertThat(s.getUri("x", URI.create("https://api.example"))).isEqualTo(URI.create("https://api.example"));
        assertThat(s.getList("x", List.of("a"))).containsExactly("a");
        assertThat(s.getPath("x", Path.of("d"))).isEqualTo(Path.of("d"));
        assertThat(s.findString("x")).isEmpty();
        assertThat(s.findSecret("blank")).isEmpty();
        assertThat(s.findUri("x")).isEmpty();
        assertThat(s.findPath("x")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"500ms, 500", "90s, 90000", "15m, 900000", "2h, 7200000", "1d, 86400000", "1h30m, 5400000",
            "PT1M, 60000", " 45S , 45000"})
    void durationsInEveryAcceptedForm(String text, long millis) {
        assertThat(Settings.of(Map.of("k", text)).getDuration("k")).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5x", "90", "-5s", "PT-1M", "1.5h", "s", "m5", "99999999999999d", "PT9999999999999999H"})
    void malformedDurationsNameKeyValueAndTheExpectedForm(String text) {
        assertThatThrownBy(() -> gh(Map.of("poll-interval", text)).getDuration("poll-interval", Duration.ofSeconds(1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("mfawatch.monitor.gh.poll-interval=" + text.strip() + " is not a duration (try 30s or 5m)");
    }

    @ParameterizedTest
    @CsvSource({"200000d, from 1ms to 3660d", "0s, from 1ms to 3660d", "0ms, from 1ms to 3660d"})
    void durationsOutsideTheirRangeAreRefusedWhenRead(String text, String range) {
        assertThatThrownBy(() -> gh(Map.of("timeout", text)).getDuration("timeout", Duration.ofSeconds(60)))
                .hasMessage("mfawatch.monitor.gh.timeout=" + text + " is out of range (" + range + ")");
        assertThatThrownBy(() -> gh(Map.of("t", "2h")).getDuration("t", Duration.ZERO, Duration.ofSeconds(1), Duration.ofHours(1)))
                .hasMessage("mfawatch.monitor.gh.t=2h is out of range (from 1s to 1h)");
    }

    @Test
    void anOriginIsHttpsWithoutAPathOrPlainHttpOnLoopback() {
        Settings s = Settings.of(Map.of("ok", "HTTPS://Acme.example.com:8443/", "path", "https://acme.example.com/api/v1",
                "clear", "http://acme.example.com", "local", "http://127.0.0.1:9000", "v6", "http://[::1]:9000",
                "named", "http://localhost.example.com", "user", "https://me:pw@acme.example.com"));
        assertThat(s.getOrigin("ok", null, "https://acme.example.com")).hasToString("https://Acme.example.com:8443");
        assertThat(s.getOrigin("unset", URI.create("https://default.example"), "x")).hasToString("https://default.example");
        assertThat(s.getOrigin("local", null, "x")).hasToString("http://127.0.0.1:9000");
        assertThat(s.getOrigin("v6", null, "x")).hasToString("http://[::1]:9000");
        assertThatThrownBy(() -> s.getOrigin("path", null, "https://acme.example.com"))
                .hasMessage("path=https://acme.example.com/api/v1 takes an origin only, such as https://acme.example.com");
        assertThatThrownBy(() -> s.getOrigin("clear", null, "x")).hasMessageContaining("in clear");
        assertThatThrownBy(() -> s.getOrigin("named", null, "x")).as("a name is not looked up").hasMessageContaining("in clear");
        assertThatThrownBy(() -> s.getOrigin("user", null, "x")).hasMessageContaining("origin only").hasMessageNotContaining("pw");
        assertThatThrownBy(() -> s.getOrigin("unset", null, "x")).hasMessageContaining("required");
    }

    @Test
    void aBaseUrlEndsInItsPathAndTakesNoCredentialInClear() {
        Settings s = Settings.of(Map.of("ok", "HTTPS://git.example.com/gitlab/api/v4/", "short", "https://git.example.com",
                "query", "https://git.example.com/api/v4?private_token=x", "clear", "http://git.example.com/api/v4",
                "local", "http://127.0.0.1:9000/api/v4"));
        URI dflt = URI.create("https://gitlab.com/api/v4");
        assertThat(s.getBaseUrl("ok", dflt, "/api/v4", "x")).hasToString("https://git.example.com/gitlab/api/v4");
        assertThat(s.getBaseUrl("unset", dflt, "/api/v4", "x")).isSameAs(dflt);
        assertThat(s.getBaseUrl("local", dflt, "/api/v4", "x")).hasToString("http://127.0.0.1:9000/api/v4");
        assertThatThrownBy(() -> s.getBaseUrl("short", dflt, "/api/v4", "https://gitlab.example.com/api/v4"))
                .hasMessage("short=https://git.example.com is not the API's base URL: give the URL ending in /api/v4, "
                        + "such as https://gitlab.example.com/api/v4");
        assertThatThrownBy(() -> s.getBaseUrl("query", dflt, "/api/v4", "x")).hasMessageContaining("ending in /api/v4");
        assertThatThrownBy(() -> s.getBaseUrl("clear", dflt, "/api/v4", "x")).hasMessageContaining("in clear");
    }

    @Test
    void numbersFlagsListsAndChoices() {
        Settings s = Settings.of(Map.of("n", "42", "bad", "4 2", "neg", "-1", "flag", "TRUE", "list", " a, b ,,c ", "mode", "Silent"));
        assertThat(s.getInt("n")).isEqualTo(42);
        assertThatThrownBy(() -> s.getInt("bad", 0)).hasMessage("bad=4 2 is not a whole number (e.g. 100)");
        assertThatThrownBy(() -> s.getInt("neg", 0)).hasMessage("neg=-1 is out of range (from 0 to 2147483647)");
        assertThatThrownBy(() -> s.getInt("n", 5, 1, 10)).hasMessage("n=42 is out of range (from 1 to 10)");
        assertThat(s.getBoolean("flag")).isTrue();
        assertThatThrownBy(() -> s.getBoolean("n", false)).hasMessage("n=42 is not true or false");
        assertThat(s.getList("list")).containsExactly("a", "b", "c");
        assertThat(s.getChoice("mode", "report", "report", "silent")).isEqualTo("silent");
        assertThatThrownBy(() -> s.getChoice("n", "report", "report", "silent")).hasMessage("n=42 is not one of report, silent");
    }

    @ParameterizedTest
    @CsvSource({"512, 512", "512B, 512", "256KB, 262144", "256 kib, 262144", "10MB, 10485760", "1GB, 1073741824"})
    void sizes(String text, long bytes) {
        assertThat(Settings.of(Map.of("cap", text)).getSize("cap")).isEqualTo(bytes);
    }

    @Test
    void malformedAndOutOfRangeSizes() {
        assertThatThrownBy(() -> gh(Map.of("cap", "lots")).getSize("cap", 1024))
                .hasMessage("mfawatch.monitor.gh.cap=lots is not a size (e.g. 256KB or 10MB)");
        assertThatThrownBy(() -> gh(Map.of("cap", "0")).getSize("cap", 1024))
                .hasMessage("mfawatch.monitor.gh.cap=0 is out of range (from 1B to 1024GB)");
        assertThatThrownBy(() -> gh(Map.of("cap", "999999999999999GB")).getSize("cap", 1024))
                .hasMessageContaining("is not a size");
        assertThatThrownBy(() -> gh(Map.of("cap", "2MB")).getSize("cap", 1024, 1024, 1 << 20))
                .hasMessage("mfawatch.monitor.gh.cap=2MB is out of range (from 1KB to 1MB)");
    }

    @ParameterizedTest
    @CsvSource({"25%, 0.25", "25, 0.25", "12.5%, 0.125", "0%, 0", "100%, 1"})
    void percents(String text, double fraction) {
        assertThat(Settings.of(Map.of("p", text)).getPercent("p")).isEqualTo(fraction);
    }

    @ParameterizedTest
    @ValueSource(strings = {"101%", "-5%", "half", "1e2"})
    void malformedPercents(String text) {
        assertThatThrownBy(() -> gh(Map.of("p", text)).getPercent("p", 0.5))
                .hasMessage("mfawatch.monitor.gh.p=" + text + " is not a percentage from 0% to 100% (e.g. 25%)");
    }

    @Test
    void pathsAndUris() {
        Settings s = Settings.of(Map.of("dir", "/var/lib/mfa-watch", "bad", "a\u0000b", "api", "https://ghe.example/api/v3",
                "ftp", "ftp://x", "my.webhook-url", "hooks.slack.com/services/SECRET", "url", "not a url"));
        assertThat(s.getPath("dir")).isEqualTo(Path.of("/var/lib/mfa-watch"));
        assertThatThrownBy(() -> s.findPath("bad")).hasMessageStartingWith("bad=a\u0000b is not a valid path");
        assertThat(s.getUri("api")).isEqualTo(URI.create("https://ghe.example/api/v3"));
        assertThatThrownBy(() -> s.findUri("ftp")).hasMessage("ftp=ftp://x is not an http(s) URL");
        assertThatThrownBy(() -> s.getUri("my.webhook-url")).hasMessage("my.webhook-url=(value hidden) is not an http(s) URL");
        assertThatThrownBy(() -> s.getSecretUri("url")).hasMessage("url=(value hidden) is not an http(s) URL");
    }

    @Test
    void secretValuesNeverShowInMessagesOrToString() {
        Settings s = gh(Map.of("token", "not-a-number-canary", "custom", "custom-canary"));
        assertThatThrownBy(() -> s.getInt("token", 0)).hasMessage("mfawatch.monitor.gh.token=(value hidden) is not a whole number (e.g. 100)");
        assertThat(s.getSecret("custom").reveal()).isEqualTo("custom-canary");
        assertThatThrownBy(() -> s.reject("custom", "is no good")).hasMessage("mfawatch.monitor.gh.custom=(value hidden) is no good");
        assertThat(s.toString() + s.getSecret("custom")).doesNotContain("canary");
        assertThat(Secret.of("s3cr3t").toString()).isEqualTo("****");
    }

    @Test
    void rejectNamesTheKeyAndTheValue() {
        assertThatThrownBy(() -> gh(Map.of("region", "mars-1")).reject("region", "is not an AWS region"))
                .isInstanceOf(ConfigurationException.class).hasMessage("mfawatch.monitor.gh.region=mars-1 is not an AWS region");
        assertThatThrownBy(() -> gh(Map.of()).reject("region", "is needed with role-arn"))
                .hasMessage("mfawatch.monitor.gh.region is needed with role-arn");
    }

    @ParameterizedTest
    @CsvSource({"https://user:pw@host/x, true", "ftp://a:b@h, true", "https://h/x?token=abc, true", "https://h/?a=1&access_token=z, true",
            "https://h/?api-key=z, true", "https://h/?sig=z, true", "https://h/x?page=2, false", "https://h/path/token, false",
            "user@example.com, false", "https://h/?key=, false"})
    void valuesThatCarryCredentials(String value, boolean carries) {
        assertThat(SettingValues.carriesCredentials(value)).isEqualTo(carries);
    }

    @Test
    void credentialsInAnyUrlOfATextAreScrubbed() {
        assertThat(SettingValues.scrubCredentials("GET https://bob:hunter2@ghe.example/api failed; retry at "
                + "https://hooks.example/in?x=1&access_token=abc123&page=2 or 'https://h/?sig=zz'"))
                .isEqualTo("GET https://****@ghe.example/api failed; retry at https://hooks.example/in?x=1&access_token=****&page=2"
                        + " or 'https://h/?sig=****'");
        assertThat(SettingValues.scrubCredentials("nothing here: https://api.github.com/orgs/acme?page=3")).isEqualTo(
                "nothing here: https://api.github.com/orgs/acme?page=3");
    }
}
