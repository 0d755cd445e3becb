package dev.mfawatch.spi.contract;

import dev.mfawatch.model.MfaState;
import dev.mfawatch.spi.Monitor;
import java.util.List;

/** Runs the monitor kit against the scripted monitor, which also proves the kit itself runs. */
class ScriptedMonitorContractTest extends MonitorContract {

    @Override
    protected List<String> secrets() {
        return NO_SECRETS;
    }

    @Override
    protected Monitor subject() {
        return new ScriptedMonitor().then(Fixtures.account("github:1", MfaState.DISABLED), Fixtures.account("github:2", MfaState.ENABLED));
    }
}
