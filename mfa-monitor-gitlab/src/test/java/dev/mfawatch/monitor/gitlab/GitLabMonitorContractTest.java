package dev.mfawatch.monitor.gitlab;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.contract.MonitorContract;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

class GitLabMonitorContractTest extends MonitorContract {

    private final FakeGitLab gitlab = new FakeGitLab();

    GitLabMonitorContractTest() {
        FakeGitLab.User root = gitlab.user(1, "root");
        root.admin = true;
        root.twoFactor = true;
        gitlab.tokens.put(FakeGitLab.ADMIN_TOKEN, 1L);
        gitlab.user(2, "bob");
    }

    @AfterEach
    void stop() {
        gitlab.close();
    }

    @Override
    protected Monitor subject() {
        return new GitLabMonitorProvider().create(GitLabMonitorTest.settings(gitlab, FakeGitLab.ADMIN_TOKEN));
    }

    @Override
    protected List<String> secrets() {
        return List.of(FakeGitLab.ADMIN_TOKEN);
    }
}
