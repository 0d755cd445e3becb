package dev.mfawatch.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.model.ConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the sources are merged: precedence, the environment mapping, secrets and bookkeeping. */
class ConfiguredSettingsTest {

    private static ConfiguredSettings resolve(Map<String, String> file, Map<String, String> env, Map<String, String> sys) {
        ConfiguredSettings s = ConfiguredSettings.resolve(SettingsSources.of(file, env, sys), Set.of(), Set.of());
        s.stopCollecting();
        return s;
    }

    @Test
    void environmentAndSystemPropertiesOverrideTheFileInThatOrder() {
        ConfiguredSettings s = resolve(
                Map.of("mfawatch.monitors", "gh", "mfawatch.monitor.gh.organization", "file-org",
                        "mfawatch.monitor.gh.timeout", "10s", "mfawatch.baseline", "report"),
                Map.of("MFAWATCH_MONITOR_GH_ORGANIZATION", "env-org", "MFAWATCH_MONITOR_GH_TIMEOUT", "20s", "PATH", "/bin"),
                Map.of("mfawatch.monitor.gh.timeout", "30s", "java.version", "17"));
        ConfiguredSettings gh = s.scoped("mfawatch.monitor.gh");
        assertThat(gh.findString("organization")).contains("env-org");
        assertThat(gh.getDuration("timeout")).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.findString("mfawatch.baseline")).contains("report");
        assertThat(s.scoped("mfawatch").describe()).containsOnlyKeys("mfawatch.baseline", "mfawatch.monitors",
                "MFAWATCH_MONITOR_GH_ORGANIZATION", "mfawatch.monitor.gh.timeout");
    }

    @Test
    void onlyMfawatchVariablesAndPropertiesAreSettings() {
        ConfiguredSettings s = resolve(Map.of(), Map.of("HOME", "/root", "MFAWATCH_BASELINE", "silent"), Map.of("user.home", "/root"));
        assertThat(s.describe()).containsOnlyKeys("MFAWATCH_BASELINE");
    }

    @Test
    void instanceNamesKeepDashesAndUnderscoresFromAFile() {
        ConfiguredSettings s = resolve(Map.of("mfawatch.monitors", "x-y,x_y",
                "mfawatch.monitor.x-y.organization", "dash", "mfawatch.monitor.x_y.organization", "underscore"), Map.of(), Map.of());
        assertThat(s.scoped("mfawatch.monitor.x-y").findString("organization")).contains("dash");
        assertThat(s.scoped("mfawatch.monitor.x_y").findString("organization")).contains("underscore");
    }

    @Test
    void environmentVariablesReachTheLongestDeclaredInstanceName() {
        ConfiguredSettings s = resolve(Map.of("mfawatch.monitors", "a,a-b,prod-iam"),
                Map.of("MFAWATCH_MONITOR_A_TOKEN", "for-a", "MFAWATCH_MONITOR_A_B_TOKEN", "for-a-b",
                        "MFAWATCH_MONITOR_A_B_ROLE_ARN", "arn-a-b", "MFAWATCH_MONITOR_PROD_IAM_ROLE_ARN", "arn-prod"), Map.of());
        assertThat(s.scoped("mfawatch.monitor.a").findString("token")).contains("for-a");
        assertThat(s.scoped("mfawatch.monitor.a").findString("b-token")).isEmpty();
        assertThat(s.scoped("mfawatch.monitor.a-b").findString("token")).contains("for-a-b");
        assertThat(s.scoped("mfawatch.monitor.a-b").findString("role-arn")).contains("arn-a-b");
        assertThat(s.scoped("mfawatch.monitor.prod-iam").findString("role-arn")).contains("arn-prod");
    }

    @Test
    void theInstanceListItselfMayComeFromTheEnvironment() {
        ConfiguredSettings s = resolve(Map.of(), Map.of("MFAWATCH_MONITORS", "x_y", "MFAWATCH_MONITOR_X_Y_ORGANIZATION", "acme"), Map.of());
        assertThat(s.scoped("mfawatch.monitor.x_y").findString("organization")).contains("acme");
        assertThat(s.scoped("mfawatch.monitor.x-y").findString("organization")).isEmpty();
    }

    @Test
    void namesTheEnvironmentCannotTellApartAreOneProblemNamingBoth() {
        ConfiguredSettings s = ConfiguredSettings.resolve(SettingsSources.of(Map.of("mfawatch.monitors", "x-y,x_y",
                "mfawatch.notifiers", "n"), Map.of(), Map.of()), Set.of(), Set.of("n"));
        assertThat(s.problems()).singleElement().extracting(Throwable::getMessage).isEqualTo(
                "monitor names x-y and x_y both map to the environment prefix MFAWATCH_MONITOR_X_Y_, so their environment"
                        + " variables cannot be told apart: rename one");
    }

    @Test
    void environmentReferencesAreResolvedAndAMissingOneIsNamed() {
        ConfiguredSettings s = resolve(Map.of("mfawatch.monitor.gh.token", "${env:GH_TOKEN}",
                        "mfawatch.monitor.gh.url", "https://${env:HOST}/api/${env:MISSING_ONE}"),
                Map.of("GH_TOKEN", "ghp_canary1234", "HOST", "ghe.local"), Map.of());
        ConfiguredSettings gh = s.scoped("mfawatch.monitor.gh");
        assertThat(gh.getSecret("token").reveal()).isEqualTo("ghp_canary1234");
        assertThatThrownBy(() -> gh.findString("url")).isInstanceOf(ConfigurationException.class)
                .hasMessage("mfawatch.monitor.gh.url refers to ${env:MISSING_ONE}, but the environment variable MISSING_ONE is not set");
    }

    @Test
    void whileCollectingEveryProblemIsKeptOncePerKeyAndTheGetterGoesOn() {
        ConfiguredSettings s = ConfiguredSettings.resolve(SettingsSources.of(Map.of("mfawatch.monitor.gh.timeout", "200000d",
                "mfawatch.monitor.gh.size", "huge")), Set.of(), Set.of());
        ConfiguredSettings gh = s.scoped("mfawatch.monitor.gh");
        assertThat(gh.getString("token")).isEmpty();
        assertThat(gh.getDuration("timeout", Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(60));
        assertThat(gh.getSize("size", 10)).isEqualTo(10);
        gh.reject("token", "is wrong in a second way");
        assertThat(s.problems()).extracting(Throwable::getMessage).containsExactly(
                "mfawatch.monitor.gh.token is required but not set",
                "mfawatch.monitor.gh.timeout=200000d is out of range (from 1ms to 3660d)",
                "mfawatch.monitor.gh.size=huge is not a size (e.g. 256KB or 10MB)");
        s.stopCollecting();
        assertThatThrownBy(() -> gh.getString("other")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void secretValuesNeverShowInDescriptionsMessagesOrToString() {
        ConfiguredSettings s = resolve(Map.of(
                        "mfawatch.monitor.gh.token", "ghp_canaryTOKEN123",
                        "mfawatch.notifier.slack.webhook-url", "https://hooks.slack.test/services/T0/B0/canarySECRET",
                        "mfawatch.monitor.gh.api-key", "${env:KEY}",
                        "mfawatch.monitor.gh.custom", "custom-canary-value",
                        "mfawatch.monitor.gh.organization", "acme"),
                Map.of("KEY", "resolved-canary-key"), Map.of());
        ConfiguredSettings gh = s.scoped("mfawatch.monitor.gh");
        gh.getSecret("custom");
        String everything = s + " " + s.describe() + " " + gh;
        assertThat(everything).doesNotContain("ghp_canaryTOKEN123", "canarySECRET", "custom-canary-value")
                .contains("acme", "****");
        assertThat(s.redact("GET failed for token ghp_canaryTOKEN123 at https://hooks.slack.test/services/T0/B0/canarySECRET"
                + " with resolved-canary-key and custom-canary-value"))
                .isEqualTo("GET failed for token **** at **** with **** and ****");
        assertThatThrownBy(() -> gh.getInt("custom", 0)).hasMessage("mfawatch.monitor.gh.custom=(value hidden) is not a whole number (e.g. 100)");
    }

    @Test
    void unreadKeysAreTheOnesNobodyAskedFor() {
        ConfiguredSettings s = resolve(Map.of("mfawatch.monitor.gh.type", "github", "mfawatch.monitor.gh.tokne", "x",
                "mfawatch.monitor.gh.organization", "acme", "mfawatch.monitor.other.type", "aws-iam"), Map.of(), Map.of());
        ConfiguredSettings gh = s.scoped("mfawatch.monitor.gh");
        gh.findString("type");
        gh.findString("organization");
        gh.findString("token");
        assertThat(gh.unreadKeys()).containsExactly("mfawatch.monitor.gh.tokne");
        assertThat(s.scoped("mfawatch").unreadKeys()).containsExactly("mfawatch.monitor.gh.tokne", "mfawatch.monitor.other.type");
        assertThat(ConfiguredSettings.canonical("MFAWATCH.Monitor.A-B.Role_Arn")).isEqualTo("mfawatch.monitor.a-b.role.arn");
        assertThat(List.of(ConfiguredSettings.canonical("mfawatch.store.file.directory"))).containsExactly("mfawatch.store.file.directory");
    }

    @Test
    void credentialsInAValueAreMaskedWhateverTheKeyAndWhetherOrNotAProviderReadIt() {
        ConfiguredSettings s = resolve(Map.of(
                "mfawatch.notifier.unlisted.type", "webhook",
                "mfawatch.notifier.unlisted.url", "https://hooks.example/T0/B0/pathCANARY",
                "mfawatch.notifier.other.endpoint", "https://hooks.example/in?api_key=queryCANARY&x=1",
                "mfawatch.monitor.gh.endpoint", "https://userCANARY:pwCANARY@ghe.example/api/v3",
                "mfawatch.monitor.gh.proxy", "http://proxy.example:3128/?sig=sigCANARY",
                "mfawatch.monitor.gh.organization", "acme",
                "mfawatch.monitor.gh.plain", "https://api.github.com/orgs?page=2&per_page=100"), Map.of(), Map.of());
        Map<String, String> shown = s.describe();
        assertThat(shown.toString()).doesNotContain("CANARY").contains("acme", "https://api.github.com/orgs?page=2&per_page=100");
        assertThat(s.redact("POST https://hooks.example/in?api_key=queryCANARY&x=1 failed for https://userCANARY:pwCANARY@ghe.example/api/v3"))
                .doesNotContain("CANARY");
        assertThatThrownBy(() -> s.scoped("mfawatch.monitor.gh").getInt("proxy", 1)).hasMessage("mfawatch.monitor.gh.proxy=(value hidden) is not"
                + " a whole number (e.g. 100)");
    }
}
