package dev.mfawatch.monitor.google;

import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.contract.MonitorContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

class GoogleMonitorContractTest extends MonitorContract {

    private final FakeGoogle google = new FakeGoogle();
    private final Path dir;

    GoogleMonitorContractTest() {
        google.user("100", "alice@example.test").enrolled = true;
        google.user("101", "bob@example.test");
        try {
            dir = Files.createTempDirectory("gws-contract");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        google.close();
    }

    @Override
    protected Monitor subject() {
        return new GoogleWorkspaceMonitorProvider().create(GoogleWorkspaceMonitorTest.settings(google, dir));
    }

    @Override
    protected List<String> secrets() {
        return List.of(google.privateKeyBase64());
    }
}
