package dev.mfawatch.monitor.okta;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.contract.MonitorContract;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

class OktaMonitorContractTest extends MonitorContract {

    private final FakeOkta okta = new FakeOkta();

    OktaMonitorContractTest() {
        okta.user("00ualice", "alice@acme.test").factor("push");
        okta.user("00ubob", "bob@acme.test");
        okta.admin("00ualice", true);
    }

    @AfterEach
    void stop() {
        okta.close();
    }

    @Override
    protected Monitor subject() {
        return new OktaMonitorProvider().create(OktaMonitorTest.settings(okta));
    }

    @Override
    protected List<String> secrets() {
        return List.of(FakeOkta.TOKEN);
    }
}
