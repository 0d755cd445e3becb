package com.example.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.core.MfaWatch;
import dev.mfawatch.core.SettingsSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings every deployment example uses are valid, and each example runs the command with them. */
class DeploySettingsTest {

    private static final Path HERE = Path.of("").toAbsolutePath();

    @Test
    void theSharedSettingsAreValidWithEveryProvider(@TempDir Path state) {
        Map<String, String> file = SettingsSources.readProperties(HERE.resolve("mfa-watch.properties"), "--config");
        Map<String, String> env = Map.of("GITHUB_TOKEN", "ghp_example", "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/x",
                "MFA_WATCH_EXTERNAL_ID", "ext-1", "MFAWATCH_STORE_FILE_DIRECTORY", state.toString());
        // Building checks every key, type and value, and creates the providers; it calls no API.
        try (MfaWatch watch = MfaWatch.builder().settings(SettingsSources.of(new HashMap<>(file), env, Map.of())).build()) {
            assertThat(watch.monitorNames()).containsExactly("github", "aws-iam", "aws-signin");
        }
    }

    @Test
    void theIdentityProviderAndDevToolSettingsAreValid(@TempDir Path state) throws Exception {
        Map<String, String> file = SettingsSources.readProperties(HERE.resolve("identity-and-dev-tools.properties"), "--config");
        // The key files are read when the monitors are made: write throw-away ones.
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(g.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        Path okta = Files.writeString(state.resolve("okta.pem"), pem);
        Path google = Files.writeString(state.resolve("google.json"), "{\"type\": \"service_account\", \"project_id\": \"p\", "
                + "\"private_key_id\": \"k\", \"private_key\": \"" + pem.replace("\n", "\\n") + "\", \"client_email\": "
                + "\"mfa-watch@p.iam.gserviceaccount.com\", \"client_id\": \"1\", \"token_uri\": \"https://oauth2.googleapis.com/token\"}");
        Map<String, String> env = Map.of("OKTA_PRIVATE_KEY_FILE", okta.toString(), "ENTRA_CLIENT_SECRET", "secret",
                "GOOGLE_SERVICE_ACCOUNT_FILE", google.toString(), "GITLAB_TOKEN", "glpat-example", "SLACK_ADMIN_USER_TOKEN", "xoxp-example",
                "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/x", "MFAWATCH_STORE_FILE_DIRECTORY", state.resolve("s").toString());
        try (MfaWatch watch = MfaWatch.builder().settings(SettingsSources.of(new HashMap<>(file), env, Map.of())).build()) {
            assertThat(watch.monitorNames()).containsExactly("okta", "entra", "google", "gitlab", "slack-ws");
        }
    }

    @Test
    void eachDeploymentRunsTheCommandWithThoseSettings() throws Exception {
        assertThat(Files.readString(HERE.resolve("crontab"))).contains("mfa-watch.jar run --config /etc/mfa-watch/mfa-watch.properties");
        String cronJob = Files.readString(HERE.resolve("kubernetes-cronjob.yaml"));
        assertThat(cronJob).contains("kind: CronJob", "concurrencyPolicy: Forbid", "mountPath: /var/lib/mfa-watch",
                "\"--config\", \"/etc/mfa-watch/mfa-watch.properties\"");
        String workflow = Files.readString(HERE.resolve("github-actions.yml"));
        assertThat(workflow).contains("actions/cache/restore", "actions/cache/save", "path: .mfa-watch",
                "MFAWATCH_STORE_FILE_DIRECTORY: .mfa-watch", "run --config examples/deploy/mfa-watch.properties");
        assertThat(Files.readString(HERE.resolve("Dockerfile"))).contains("\"run\", \"--config\", \"/etc/mfa-watch/mfa-watch.properties\"");
    }
}
