package dev.mfawatch.notifier.slack;

import dev.mfawatch.model.Change;
import dev.mfawatch.spi.Notifier;
import dev.mfawatch.spi.contract.NotifierContract;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

class SlackNotifierContractTest extends NotifierContract {

    private final FakeSlack slack = new FakeSlack();

    SlackNotifierContractTest() throws IOException {
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Override
    protected Notifier subject() {
        return new SlackNotifierProvider(d -> { }).create(SlackNotifierTest.settings(slack.url()));
    }

    @Override
    protected List<String> delivered() {
        return slack.accepted;
    }

    @Override
    protected String traceOf(Change change) {
        return SlackText.outside(change.subjectName());
    }
}
