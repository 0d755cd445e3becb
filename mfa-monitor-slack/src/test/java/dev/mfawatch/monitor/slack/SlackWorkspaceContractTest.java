package dev.mfawatch.monitor.slack;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.contract.MonitorContract;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

class SlackWorkspaceContractTest extends MonitorContract {

    private final FakeSlackWorkspace slack = new FakeSlackWorkspace();

    SlackWorkspaceContractTest() {
        slack.member("U01", "alice").twoFactor = true;
        slack.member("U02", "bob");
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Override
    protected Monitor subject() {
        return new SlackWorkspaceMonitorProvider().create(SlackWorkspaceMonitorTest.settings(slack, FakeSlackWorkspace.ADMIN_TOKEN));
    }

    @Override
    protected List<String> secrets() {
        return List.of(FakeSlackWorkspace.ADMIN_TOKEN);
    }
}
