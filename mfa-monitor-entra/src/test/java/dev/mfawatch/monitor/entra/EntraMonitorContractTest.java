package dev.mfawatch.monitor.entra;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.contract.MonitorContract;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

class EntraMonitorContractTest extends MonitorContract {

    private final FakeGraph graph = new FakeGraph();

    EntraMonitorContractTest() {
        graph.user("u-alice", "alice@contoso.test").with("microsoftAuthenticator").admin = true;
        graph.user("u-bob", "bob@contoso.test");
        graph.policy("p-all", "Require MFA", "enabled", "mfa");
        graph.refreshReport();
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    @Override
    protected Monitor subject() {
        return EntraMonitorTest.provider().create(EntraMonitorTest.settings(graph));
    }

    @Override
    protected List<String> secrets() {
        return List.of(FakeGraph.SECRET);
    }
}
