package com.example.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.mfawatch.monitor.aws.LambdaAccount;
import dev.mfawatch.spi.contract.LoopbackHttpService;
import dev.mfawatch.store.s3.FakeS3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handler as Lambda invokes it, against loopback fakes of everything it talks to: IAM (the
 * monitor), S3 (the store), Secrets Manager (the settings secret) and a Slack webhook. The AWS
 * clients find the fakes through the SDK's standard settings, as on Lambda they find AWS. Then the
 * template is checked against what the run really called.
 */
class MfaWatchHandlerTest {

    static final String WEBHOOK_PATH = "/services/T0LAMBDA/B0LAMBDA/lambdaWebhookSecret77";
    static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mfa-watch-settings-AbCdEf";

    /** A Slack incoming webhook that keeps what it was sent, or refuses while {@code down}. */
    static final class Slack extends LoopbackHttpService {
        final List<String> posts = new CopyOnWriteArrayList<>();
        volatile boolean down;

        @Override
        protected void handle(HttpExchange x) throws IOException {
            if (down || !x.getRequestURI().getPath().equals(WEBHOOK_PATH)) {
                send(x, down ? 503 : 404, "text/plain", down ? "service_unavailable" : "no_service");
                return;
            }
            posts.add(body(x));
            send(x, 200, "text/plain", "ok");
        }
    }

    /** Secrets Manager's GetSecretValue (JSON 1.1 with X-Amz-Target), holding one secret. */
    static final class SecretsManager extends LoopbackHttpService {
        volatile String secretString;
        final List<String> asked = new CopyOnWriteArrayList<>();

        @Override
        protected void handle(HttpExchange x) throws IOException {
            String target = String.valueOf(x.getRequestHeaders().getFirst("X-Amz-Target"));
            JsonNode req = new ObjectMapper().readTree(body(x));
            asked.add(target + " " + req.path("SecretId").asText());
            if (!target.equals("secretsmanager.GetSecretValue") || !req.path("SecretId").asText().equals(SECRET_ARN)) {
                send(x, 400, "application/x-amz-json-1.1", "{\"__type\":\"ResourceNotFoundException\",\"Message\":\"Secrets Manager can't find the specified secret.\"}");
                return;
            }
            String answer = new ObjectMapper().createObjectNode().put("ARN", SECRET_ARN).put("Name", "mfa-watch-settings")
                    .put("VersionId", "v1").put("SecretString", secretString).put("CreatedDate", 1.7e9).toString();
            send(x, 200, "application/x-amz-json-1.1", answer);
        }
    }

    private final FakeS3 s3 = new FakeS3("acme-mfa-watch");
    private final LambdaAccount account = new LambdaAccount();
    private final Slack slack = new Slack();
    private final SecretsManager secrets = new SecretsManager();

    @BeforeEach
    void pointTheSdkAtTheFakes() {
        System.setProperty("aws.endpointUrlSecretsManager", secrets.baseUri().toString());
        s3.requireConditionalPuts();
        secrets.secretString = "{\"mfawatch.notifier.slack.webhook-url\": \"" + slack.baseUri() + WEBHOOK_PATH + "\"}";
        account.user("alice", true);
        account.user("bob", true);
    }

    @AfterEach
    void stop() {
        System.clearProperty("aws.endpointUrlSecretsManager");
        s3.close();
        account.close();
        slack.close();
        secrets.close();
    }

    private Map<String, String> environment() {
        return Map.of(
                "STATE_BUCKET", "acme-mfa-watch",
                MfaWatchHandler.SECRET_VARIABLE, SECRET_ARN,
                "MFAWATCH_STORE_S3_ENDPOINT", s3.baseUri().toString(),
                "MFAWATCH_MONITOR_AWS_ENDPOINT", account.endpoint().toString(),
                "MFAWATCH_MONITOR_AWS_CLOUDTRAIL_ENDPOINT", account.endpoint().toString());
    }

    @Test
    void scheduledRunsAlertOnAChangeAndKeepTheirStateInS3() {
        MfaWatchHandler handler = new MfaWatchHandler(environment());
        Map<String, Object> event = Map.of("source", "aws.events", "detail-type", "Scheduled Event");

        Map<String, Object> first = handler.handleRequest(event, null);
        assertThat(first).containsEntry("failed", false).containsEntry("changes", 0);
        assertThat(s3.keys()).contains("mfa-watch/snapshots/aws/default.json").doesNotContain("mfa-watch/lease.json");

        account.dropMfa("bob");
        Map<String, Object> second = handler.handleRequest(event, null);
        assertThat(second).containsEntry("failed", false).containsEntry("changes", 1);
        assertThat(second.get("changeKinds")).isEqualTo(List.of("MFA_DISABLED"));
        assertThat(slack.posts).singleElement().satisfies(p -> assertThat(p).contains("bob"));
        assertThat(secrets.asked).hasSize(2).allMatch(a -> a.equals("secretsManager.GetSecretValue " + SECRET_ARN)
                || a.equals("secretsmanager.GetSecretValue " + SECRET_ARN));
        assertThat(second.toString()).doesNotContain("lambdaWebhookSecret77");
    }

    @Test
    void aRunWhoseAlertCannotBeSentFailsTheInvocationAndParksTheAlertInS3() {
        MfaWatchHandler handler = new MfaWatchHandler(environment());
        handler.handleRequest(Map.of(), null);
        account.dropMfa("alice");
        slack.down = true;
        assertThatThrownBy(() -> handler.handleRequest(Map.of(), null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mfa-watch run failed").hasMessageNotContaining("lambdaWebhookSecret77");
        assertThat(s3.object("mfa-watch/deliveries.json").text()).contains("alice");

        slack.down = false;
        Map<String, Object> next = handler.handleRequest(Map.of(), null);
        assertThat(next).containsEntry("failed", false).containsEntry("pending", 0);
        assertThat(slack.posts).singleElement().satisfies(p -> assertThat(p).contains("alice"));
    }

    @Test
    void aSecretThatIsNotSettingsIsRefusedWithoutShowingItsValue() {
        secrets.secretString = "{\"webhook\": \"https://hooks.slack.com/services/T0/B0/verySecretValue\"}";
        MfaWatchHandler handler = new MfaWatchHandler(environment());
        assertThatThrownBy(() -> handler.handleRequest(Map.of(), null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds 'webhook'").hasMessageContaining("mfawatch.* key").hasMessageNotContaining("verySecretValue");
        assertThat(s3.keys()).isEmpty();
    }

    /**
     * The template grants what a run calls and no more S3 than that: the S3 and IAM actions the fakes
     * saw over runs with a change are all in the function's policy (a parked alert adds only a
     * PutObject, which the runs make anyway).
     */
    @Test
    void theTemplateGrantsWhatARunCallsAndTheBucketTakesOnlyConditionalEncryptedWrites() throws Exception {
        MfaWatchHandler handler = new MfaWatchHandler(environment());
        handler.handleRequest(Map.of(), null);
        account.dropMfa("bob");
        handler.handleRequest(Map.of(), null);

        JsonNode template = new YAMLMapper().readTree(Files.readString(Path.of("template.yaml"), StandardCharsets.UTF_8));
        JsonNode function = template.path("Resources").path("MfaWatchFunction");
        assertThat(function.path("Type").asText()).isEqualTo("AWS::Serverless::Function");
        assertThat(function.path("Properties").path("Handler").asText()).isEqualTo(MfaWatchHandler.class.getName() + "::handleRequest");
        assertThat(function.path("Properties").path("Timeout").asInt()).isBetween(600, 900);

        Set<String> granted = new TreeSet<>();
        for (JsonNode policy : function.path("Properties").path("Policies")) {
            for (JsonNode statement : policy.path("Statement")) {
                JsonNode action = statement.path("Action");
                if (action.isArray()) {
                    action.forEach(a -> granted.add(a.asText()));
                } else {
                    granted.add(action.asText());
                }
            }
        }
        Set<String> s3Used = new TreeSet<>();
        s3.calls().keySet().forEach(op -> s3Used.add("s3:" + op.replace("ListObjectsV2", "ListBucket")));
        assertThat(s3Used).contains("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket");
        assertThat(granted.stream().filter(a -> a.startsWith("s3:")).toList()).containsExactlyInAnyOrderElementsOf(s3Used);
        Set<String> awsUsed = new TreeSet<>();
        account.actions().stream().filter(a -> !a.equals("GetCallerIdentity"))
                .forEach(a -> awsUsed.add((a.equals("LookupEvents") ? "cloudtrail:" : "iam:") + a));
        assertThat(granted).containsAll(awsUsed).contains("secretsmanager:GetSecretValue");

        JsonNode bucketPolicy = template.path("Resources").path("StateBucketPolicy").path("Properties").path("PolicyDocument");
        assertThat(bucketPolicy.toString()).contains("\"s3:if-match\":\"true\"", "\"s3:if-none-match\":\"true\"",
                "\"s3:x-amz-server-side-encryption\":\"true\"", "\"aws:SecureTransport\":\"false\"");
        JsonNode retry = function.path("Properties").path("EventInvokeConfig").path("MaximumRetryAttempts");
        assertThat(retry.asInt(-1)).isZero();
    }
}
