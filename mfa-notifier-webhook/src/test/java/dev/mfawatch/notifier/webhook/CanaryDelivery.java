package dev.mfawatch.notifier.webhook;

import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.contract.Fixtures;
import java.util.Map;

/** The child process of {@link CanaryLoggingTest}: signed deliveries with a retry and a refusal, every logger on. */
public final class CanaryDelivery {

    private CanaryDelivery() {
    }

    public static void main(String[] args) {
        try (FakeReceiver receiver = new FakeReceiver()) {
            Settings s = Settings.of("mfawatch.notifier.hook", Map.of("url", receiver.url(), "secret", args[0]));
            receiver.script.add(503);
            new WebhookNotifierProvider(d -> { }, java.time.Clock.systemUTC()).create(s).deliver(Fixtures.mixedChanges("gh"));
            receiver.status = 410;
            try {
                new WebhookNotifierProvider(d -> { }, java.time.Clock.systemUTC()).create(s).deliver(Fixtures.mixedChanges("gh"));
            } catch (RuntimeException e) {
                System.out.println("refused: " + e.getMessage());
            }
            System.out.println("delivered " + receiver.accepted.size());
        }
    }
}
