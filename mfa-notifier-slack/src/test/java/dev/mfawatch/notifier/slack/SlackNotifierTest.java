package dev.mfawatch.notifier.slack;

import static dev.mfawatch.spi.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.model.NotifierException;
import dev.mfawatch.spi.Notifier;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.contract.Fixtures;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackNotifierTest {

    private final FakeSlack slack = new FakeSlack();
    private final List<Duration> slept = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    SlackNotifierTest() throws IOException {
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    static Settings settings(String url, String... keyValues) {
        Map<String, String> m = new HashMap<>();
        m.put("mfawatch.notifier.slack.webhook-url", url);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put("mfawatch.notifier.slack." + keyValues[i], keyValues[i + 1]);
        }
        return Fixtures.settings("mfawatch.notifier.slack", m);
    }

    private Notifier notifier(String... keyValues) {
        return new SlackNotifierProvider(slept::add).create(settings(slack.url(), keyValues));
    }

    private static List<Change> added(int n, String monitor) {
        return IntStream.range(0, n).mapToObj(i -> {
            Account a = Account.of("github:" + (10_000 + i), "user-" + i, MfaState.DISABLED);
            return new Change(monitor, ChangeKind.ADDED_WITHOUT_MFA, ChangeKind.ADDED_WITHOUT_MFA.baseSeverity(), a.id(), a.name(),
                    null, a, T0, Map.of(), false);
        }).toList();
    }

    private JsonNode message(int i) throws IOException {
        return json.readTree(slack.accepted.get(i));
    }

    private static String texts(JsonNode message) {
        StringBuilder sb = new StringBuilder();
        message.path("blocks").forEach(b -> sb.append(b.path("text").path("text").asText("")).append('\n'));
        return sb.toString();
    }

    @Test
    void aMessageReadsAtAGlance() throws IOException {
        notifier().deliver(Fixtures.mixedChanges("gh"));
        assertThat(slack.violations).isEmpty();
        JsonNode m = message(0);
        assertThat(m.path("text").asText()).isEqualTo("mfa-watch: 1 critical, 3 high, 1 info changes");
        JsonNode blocks = m.path("blocks");
        assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo(":rotating_light: mfa-watch: 4 to act on, 1 for information");
        String body = texts(m);
        assertThat(body).contains("*Monitor* `gh` — 5 changes",
                ":rotating_light: *CRITICAL* *&lt;root_account&gt;*",
                "signed in without MFA from 203.0.113.9",
                ":red_circle: *HIGH* *alice* (`github:10`) — MFA turned off",
                "Fix: enable MFA (<https://docs.github.com/",
                "*acme: 2FA required* — turned off. Fix: require two-factor authentication again (<https://docs.github.com/",
                ":white_check_mark: *INFO* *carol*");
        assertThat(body.indexOf("CRITICAL")).as("most severe first").isLessThan(body.indexOf("*INFO*"));
        assertThat(blocks.get(blocks.size() - 1).path("type").asText()).isEqualTo("context");
        assertThat(blocks.get(blocks.size() - 1).path("elements").get(0).path("text").asText())
                .startsWith("mfa-watch · message ref `").contains("the same ref twice is one message sent again");
        assertThat(body).contains("ref `" + Fixtures.mixedChanges("gh").get(0).id().substring(0, 8) + "`");
    }

    @Test
    void theMonitorsRemediationHeadsItsGroup() throws IOException {
        Change c = Fixtures.mixedChanges("gh").get(0);
        Map<String, String> details = Map.of("remediation", "Ask the user to enable 2FA <now>.",
                "remediationLink", "https://docs.github.com/x", "rule", "github-2fa");
        notifier().deliver(List.of(new Change(c.monitor(), c.kind(), c.severity(), c.subjectId(), c.subjectName(), c.before(),
                c.after(), c.at(), details, false)));
        assertThat(texts(message(0))).contains("*Monitor* `gh` — 1 change\n_How to fix: Ask the user to enable 2FA &lt;now&gt;. "
                + "(<https://docs.github.com/x|details>)_");
    }

    @Test
    void textFromOutsideIsEscapedSoNobodyIsPinged() throws IOException {
        Account evil = Account.of("github:666", "<!channel> & <https://evil.example|click here>", MfaState.DISABLED);
        notifier().deliver(List.of(new Change("gh", ChangeKind.ADDED_WITHOUT_MFA, ChangeKind.ADDED_WITHOUT_MFA.baseSeverity(),
                evil.id(), evil.name(), null, evil, T0, Map.of(), false)));
        String all = texts(message(0)) + message(0).path("text").asText();
        assertThat(all).doesNotContain("<!channel>", "<https://evil.example").contains("&lt;!channel&gt; &amp; &lt;https://evil.example|click here&gt;");
    }

    @Test
    void theMentionGoesOnlyWithUrgentChanges() throws IOException {
        Notifier n = notifier("mention", "<!here>");
        n.deliver(Fixtures.mixedChanges("gh"));
        assertThat(message(0).path("text").asText()).startsWith("<!here> mfa-watch:");
        assertThat(texts(message(0))).contains("<!here> these need someone now.");
        n.deliver(Fixtures.mixedChanges("gh").stream().filter(c -> c.kind() == ChangeKind.REMOVED).toList());
        assertThat(slack.accepted.get(1)).doesNotContain("<!here>");
    }

    @Test
    void twoThousandChangesBecomeOrderedPacedPartsWithinSlacksLimits() throws IOException {
        List<Change> burst = new ArrayList<>(added(1200, "aws"));
        burst.addAll(added(800, "gh"));
        notifier().deliver(burst);
        assertThat(slack.violations).isEmpty();
        int parts = slack.accepted.size();
        assertThat(parts).isBetween(5, 6);
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            JsonNode m = message(i);
            assertThat(m.path("blocks").get(0).path("text").path("text").asText()).endsWith("(part " + (i + 1) + " of " + parts + ")");
            assertThat(m.path("blocks").size()).isLessThanOrEqualTo(50);
            refs.add(texts(m));
        }
        String all = String.join("", refs);
        for (Change c : burst) {
            assertThat(all).contains("ref `" + c.id().substring(0, 8) + "`");
        }
        assertThat(slept).hasSize(parts - 1).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(900), Duration.ofMillis(1100)));
    }

    @Test
    void rateLimitsAreWaitedOutAsSlackAsks() {
        slack.script.add(FakeSlack.Answer.RATE_LIMITED);
        slack.script.add(FakeSlack.Answer.RATE_LIMITED);
        slack.retryAfter = "7";
        notifier().deliver(Fixtures.mixedChanges("gh"));
        assertThat(slack.accepted).hasSize(1);
        assertThat(slept).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenGivenUp() {
        slack.script.add(FakeSlack.Answer.SERVER_ERROR);
        slack.script.add(FakeSlack.Answer.SERVER_ERROR);
        notifier().deliver(Fixtures.mixedChanges("gh"));
        assertThat(slack.accepted).hasSize(1);
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));

        slack.otherwise = () -> FakeSlack.Answer.SERVER_ERROR;
        List<Change> changes = Fixtures.mixedChanges("gh");
        assertThatThrownBy(() -> notifier().deliver(changes)).isInstanceOf(NotifierException.class)
                .hasMessageContaining("Slack did not take the message after 4 attempts (last: 500 rollup_error)")
                .satisfies(e -> assertThat(((NotifierException) e).undelivered()).contains(changes.stream()
                        .sorted(java.util.Comparator.comparing(Change::severity).reversed()).toList()));
    }

    @Test
    void aRefusalIsFinalAndNamesSlacksAnswerButNeverTheUrl() {
        for (FakeSlack.Answer a : List.of(FakeSlack.Answer.INVALID_PAYLOAD, FakeSlack.Answer.NO_SERVICE, FakeSlack.Answer.ARCHIVED)) {
            slack.script.add(a);
            int before = slack.received.size();
            assertThatThrownBy(() -> notifier().deliver(Fixtures.mixedChanges("gh"))).isInstanceOf(NotifierException.class)
                    .hasMessageContaining("Slack refused the message: ")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(FakeSlack.PATH, "xoxbCanarySecret42", "127.0.0.1"));
            assertThat(slack.received.size() - before).as("no retry for %s", a).isEqualTo(1);
        }
    }

    @Test
    void whenAPartFailsOnlyItAndTheLaterPartsAreUndelivered() {
        List<Change> burst = added(1000, "aws");
        slack.script.add(FakeSlack.Answer.OK);
        slack.script.add(FakeSlack.Answer.INVALID_PAYLOAD);
        NotifierException e = org.junit.jupiter.api.Assertions.assertThrows(NotifierException.class, () -> notifier().deliver(burst));
        assertThat(e.getMessage()).startsWith("Slack message 2 of 3 (ref ");
        List<Change> undelivered = e.undelivered().orElseThrow();
        assertThat(slack.accepted).hasSize(1);
        List<Change> inFirst = burst.stream().filter(c -> slack.accepted.get(0).contains("ref `" + c.id().substring(0, 8) + "`")).toList();
        assertThat(inFirst).isNotEmpty();
        assertThat(undelivered).hasSize(1000 - inFirst.size()).doesNotContainAnyElementsOf(inFirst);
    }

    @Test
    void aTimeoutSaysTheMessageMayShowTwice() {
        slack.script.add(FakeSlack.Answer.SLOW_OK);
        slack.otherwise = () -> FakeSlack.Answer.SLOW_OK;
        assertThatThrownBy(() -> notifier("timeout", "300ms").deliver(Fixtures.mixedChanges("gh")))
                .hasMessageContaining("Slack may have taken it before the timeout, so it may show twice");
    }

    @Test
    void belowTheMinimumSeverityNothingIsSent() {
        notifier("min-severity", "critical").deliver(Fixtures.mixedChanges("gh").stream()
                .filter(c -> c.severity() != dev.mfawatch.model.Severity.CRITICAL).toList());
        assertThat(slack.received).isEmpty();
    }

    @Test
    void settingsAreCheckedAndTheUrlIsNeverShown() {
        SlackNotifierProvider p = new SlackNotifierProvider();
        assertThatThrownBy(() -> p.create(Fixtures.settings("mfawatch.notifier.slack", Map.of())))
                .hasMessage("mfawatch.notifier.slack.webhook-url is required but not set");
        assertThatThrownBy(() -> p.create(settings("hooks.slack.com/services/SECRETPART")))
                .hasMessage("mfawatch.notifier.slack.webhook-url=(value hidden) is not an http(s) URL");
        assertThatThrownBy(() -> p.create(settings(slack.url(), "mention", "@here")))
                .hasMessageContaining("is not a Slack mention such as <!here>");
        assertThat(p.create(settings(slack.url())).toString()).doesNotContain("xoxbCanarySecret42");
    }
}
