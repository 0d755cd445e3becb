package dev.mfawatch.monitor.github;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.contract.MonitorContract;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

class GitHubMonitorContractTest extends MonitorContract {

    private final FakeGitHub gh = new FakeGitHub();

    GitHubMonitorContractTest() throws IOException {
        gh.member(1, "alice", FakeGitHub.TwoFa.OFF);
        gh.member(2, "bob", FakeGitHub.TwoFa.ON);
    }

    @AfterEach
    void stop() {
        gh.close();
    }

    @Override
    protected Monitor subject() {
        return new GitHubMonitorProvider().create(GitHubMonitorTest.settings(gh));
    }

    @Override
    protected List<String> secrets() {
        return List.of(FakeGitHub.TOKEN);
    }
}
