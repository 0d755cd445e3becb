package com.example.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mfawatch.core.MfaWatch;
import dev.mfawatch.core.RunReport;
import dev.mfawatch.core.SettingsSources;
import dev.mfawatch.model.Change;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * Runs mfa-watch once per EventBridge schedule event.
 *
 * <p>The settings are the {@code mfa-watch.properties} packaged with the function (the state bucket
 * comes from {@code ${env:STATE_BUCKET}}), then the settings held in the Secrets Manager secret
 * named by {@code SETTINGS_SECRET_ARN}: a JSON object of full setting keys to values, such as
 * the Slack webhook URL. The secret is read at each invocation, so a rotated value is used at once,
 * and it never sits in the function's environment. {@code MFAWATCH_*} variables override both, as
 * for the command line.
 *
 * <p>A run that failed in any part (a monitor, a notifier, the store) ends the invocation with an
 * error, so the function's {@code Errors} metric and its alarm show it; the template turns
 * EventBridge's retries off, since the next scheduled run picks up what this one left.
 */
public final class MfaWatchHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** The variable naming the secret with the settings. */
    public static final String SECRET_VARIABLE = "SETTINGS_SECRET_ARN";

    private final Map<String, String> environment;
    private final Map<String, String> packaged;
    private final ObjectMapper json = new ObjectMapper();

    /** The handler Lambda makes, once per execution environment (the cold start). */
    public MfaWatchHandler() {
        this(System.getenv());
    }

    MfaWatchHandler(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.packaged = packagedSettings();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, String> settings = new HashMap<>(packaged);
        settings.putAll(secretSettings());
        RunReport report = MfaWatch.builder()
                .settings(SettingsSources.of(settings, environment, Map.of()))
                .runOnce();
        Map<String, Object> summary = summary(report);
        if (context != null) {
            context.getLogger().log("mfa-watch run: " + summary);
        }
        if (report.failed()) {
            // The failures are written for people and carry no secret: the run redacts them.
            throw new IllegalStateException("mfa-watch run failed: " + String.join("; ", report.failures()));
        }
        return summary;
    }

    private static Map<String, Object> summary(RunReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("startedAt", report.startedAt().toString());
        out.put("tookMillis", report.took().toMillis());
        out.put("failed", report.failed());
        out.put("changes", report.changes().size());
        out.put("changeKinds", report.changes().stream().map(Change::kind).map(Enum::name).distinct().sorted().toList());
        out.put("pending", report.pending());
        out.put("deadLetters", report.deadLetters());
        out.put("monitors", report.monitors().stream().map(m -> m.name() + ":" + m.status()).toList());
        return out;
    }

    private static Map<String, String> packagedSettings() {
        Properties p = new Properties();
        try (InputStream in = MfaWatchHandler.class.getResourceAsStream("/" + SettingsSources.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SettingsSources.RESOURCE + " is not packaged with the function");
            }
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the packaged " + SettingsSources.RESOURCE, e);
        }
        Map<String, String> out = new HashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    /** The settings in the secret; none if no secret is named. Never a value in a message. */
    private Map<String, String> secretSettings() {
        String secretId = environment.get(SECRET_VARIABLE);
        if (secretId == null || secretId.isBlank()) {
            return Map.of();
        }
        String text;
        // The JDK's URL connection logs headers (the role's session token) at FINE: held at INFO.
        dev.mfawatch.spi.WireLoggers.quiet();
        // Region, credentials and endpoint come from the SDK's standard chain: the function's role.
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(10)))
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(20)).build())
                .build()) {
            text = client.getSecretValue(GetSecretValueRequest.builder().secretId(secretId).build()).secretString();
        }
        if (text == null) {
            throw new IllegalStateException("the secret " + secretId + " holds no text: store the settings as a JSON object of strings");
        }
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("the secret " + secretId + " is not JSON: store the settings as a JSON object of strings", null);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalStateException("the secret " + secretId + " is not a JSON object of setting keys to strings");
        }
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (!e.getKey().startsWith("mfawatch.") || !e.getValue().isTextual()) {
                throw new IllegalStateException("the secret " + secretId + " holds '" + e.getKey()
                        + "': each entry must be an mfawatch.* key with a string value");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

}
