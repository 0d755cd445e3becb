package dev.mfawatch.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.core.InMemorySnapshotStore;
import dev.mfawatch.core.MfaWatch;
import dev.mfawatch.core.RunReport;
import dev.mfawatch.model.Account;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.MfaState;
import dev.mfawatch.spi.Notifier;
import dev.mfawatch.spi.SnapshotStore;
import dev.mfawatch.spi.contract.ScriptedMonitor;
import dev.mfawatch.spi.contract.TestClock;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many runs against a Slack that fails a random share of requests (outages, 5xx, 429, answers lost
 * to a timeout after Slack took the message): in the end Slack has received every change that
 * happened, and a change shows twice only where Slack took a message whose answer was lost.
 */
class DeliveryEndToEndTest {

    private static final Pattern REF = Pattern.compile("(?<!message )ref `([0-9a-f]{8})`");
    private final FakeSlack slack = new FakeSlack();
    private final Set<String> slowAccepted = new HashSet<>();

    DeliveryEndToEndTest() throws IOException {
    }

    @AfterEach
    void stop() {
        slack.close();
    }


    @Test
    void everyChangeArrivesAndOnlyALostAnswerCanRepeatOne() {
        Random random = new Random(20261122);
        ScriptedMonitor monitor = new ScriptedMonitor();
        Map<String, MfaState> state = new LinkedHashMap<>();
        MfaState[] states = MfaState.values();
        int runs = 40;
        for (int run = 0; run < runs; run++) {
            for (int k = 0; k < 3; k++) {
                String id = "github:" + random.nextInt(25);
                if (random.nextInt(8) == 0) {
                    state.remove(id);
                } else {
                    state.put(id, states[random.nextInt(states.length)]);
                }
            }
            List<Account> accounts = new ArrayList<>();
            state.forEach((id, s) -> accounts.add(Account.of(id, "user-" + id.substring(7), s)));
            monitor.then(accounts.toArray(new Account[0]));
        }
        Notifier notifier = new SlackNotifierProvider(d -> { }).create(SlackNotifierTest.settings(slack.url(), "timeout", "1s"));
        // Far apart, so a slow machine cannot turn an ordinary answer into a lost one.
        slack.slowMillis = 2500;
        SnapshotStore store = new InMemorySnapshotStore();
        List<Change> happened = new ArrayList<>();
        int failedRuns = 0;
        try (MfaWatch watch = MfaWatch.builder().settings(Map.of()).clock(new TestClock(Instant.parse("2026-01-01T00:00:00Z"), java.time.Duration.ofHours(1))).store(store)
                .monitor("gh", monitor).notifier("slack", notifier).build()) {
            for (int run = 0; run < runs + 3; run++) {
                boolean outage = run < runs && random.nextInt(10) < 3;
                boolean flaky = run < runs;
                slack.otherwise = () -> {
                    if (outage) {
                        return FakeSlack.Answer.SERVER_ERROR;
                    }
                    int roll = flaky ? random.nextInt(100) : 99;
                    return roll < 20 ? FakeSlack.Answer.SERVER_ERROR : roll < 30 ? FakeSlack.Answer.RATE_LIMITED
                            : roll < 35 ? FakeSlack.Answer.SLOW_OK : FakeSlack.Answer.OK;
                };
                slack.retryAfter = "0";
                if (run == 5 || run == 20) {
                    // Chance alone may not lose an answer in a given sequence: make sure it happens.
                    slack.script.add(FakeSlack.Answer.SLOW_OK);
                }
                int before = slack.accepted.size();
                RunReport r = watch.run();
                happened.addAll(r.changes());
                failedRuns += r.failed() ? 1 : 0;
                markSlow(before);
            }
            assertThat(store.pending()).as("everything delivered in the end").isEmpty();
        }
        assertThat(failedRuns).as("the fake really failed deliveries").isGreaterThan(5);
        assertThat(slack.slowBodies).as("and really lost answers to timeouts").isNotEmpty();
        assertThat(happened).hasSizeGreaterThan(40);

        Map<String, Integer> received = new HashMap<>();
        for (String body : slack.accepted) {
            Matcher m = REF.matcher(body);
            while (m.find()) {
                received.merge(m.group(1), 1, Integer::sum);
            }
        }
        Set<String> expected = new HashSet<>();
        happened.forEach(c -> expected.add(c.id().substring(0, 8)));
        Set<String> lost = new HashSet<>(expected);
        lost.removeAll(received.keySet());
        Set<String> invented = new HashSet<>(received.keySet());
        invented.removeAll(expected);
        assertThat(lost).as("changes that never reached Slack").isEmpty();
        assertThat(invented).as("alerts for changes that did not happen").isEmpty();
        received.forEach((ref, count) -> {
            if (count > 1) {
                assertThat(slowAccepted).as("change %s arrived %d times without a lost answer", ref, count).contains(ref);
            }
        });
    }

    /** Remembers the refs of messages Slack took but answered too late. */
    private void markSlow(int from) {
        // The fake records accepted bodies; a slow one is identified by being accepted while its sender saw a timeout.
        for (int i = from; i < slack.accepted.size(); i++) {
            String body = slack.accepted.get(i);
            if (slack.slowBodies.contains(body)) {
                Matcher m = REF.matcher(body);
                while (m.find()) {
                    slowAccepted.add(m.group(1));
                }
            }
        }
    }
}
