package dev.mfawatch.notifier.slack;

import dev.mfawatch.spi.contract.Fixtures;

/** The child process of {@link CanaryLoggingTest}: a delivery with a retry and a refusal, every logger on. */
public final class CanaryDelivery {

    private CanaryDelivery() {
    }

    public static void main(String[] args) throws Exception {
        try (FakeSlack slack = new FakeSlack()) {
            slack.script.add(FakeSlack.Answer.SERVER_ERROR);
            new SlackNotifierProvider(d -> { }).create(SlackNotifierTest.settings(slack.url())).deliver(Fixtures.mixedChanges("gh"));
            slack.otherwise = () -> FakeSlack.Answer.NO_SERVICE;
            try {
                new SlackNotifierProvider(d -> { }).create(SlackNotifierTest.settings(slack.url())).deliver(Fixtures.mixedChanges("gh"));
            } catch (RuntimeException e) {
                System.out.println("refused: " + e.getMessage());
            }
            System.out.println("delivered " + slack.accepted.size());
        }
    }
}
