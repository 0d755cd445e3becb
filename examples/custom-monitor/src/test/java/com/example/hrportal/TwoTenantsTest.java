package com.example.hrportal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfawatch.core.InMemorySnapshotStore;
import dev.mfawatch.core.MfaWatch;
import dev.mfawatch.core.MonitorStatus;
import dev.mfawatch.core.RunReport;
import dev.mfawatch.core.ScopeOutcome;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.contract.MonitorContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HR portal with two tenants: one monitor, two scopes; a broken tenant fails alone. */
class TwoTenantsTest extends MonitorContract {

    private final Path dir;

    TwoTenantsTest() throws IOException {
        dir = Files.createTempDirectory("hr-tenants");
        Files.writeString(dir.resolve("eu.txt"), "1;anna;totp\n2;bernd;none\n");
        Files.writeString(dir.resolve("us.txt"), "7;carla;sms\n");
    }

    private Map<String, String> settings() {
        return Map.of("tenants", "eu,us", "eu.export", dir.resolve("eu.txt").toString(), "us.export", dir.resolve("us.txt").toString());
    }

    @Override
    protected List<String> secrets() {
        return NO_SECRETS;
    }

    @Override
    protected Monitor subject() {
        return new HrPortalMonitorProvider().create(Settings.of("mfawatch.monitor.hr", settings()));
    }

    @Test
    void eachTenantIsAScopeAndABrokenOneFailsAlone() throws IOException {
        Map<String, String> keys = new java.util.HashMap<>();
        keys.put("mfawatch.monitors", "hr");
        keys.put("mfawatch.monitor.hr.type", "hr-portal");
        settings().forEach((k, v) -> keys.put("mfawatch.monitor.hr." + k, v));
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        try (MfaWatch watch = MfaWatch.builder().settings(keys).store(store).build()) {
            RunReport first = watch.run();
            assertThat(first.monitor("hr").scopes()).extracting(ScopeOutcome::id).containsExactly("eu", "us");
            assertThat(first.changes()).extracting(c -> c.scope() + " " + c.subjectName() + " " + c.kind())
                    .containsExactly("eu bernd ADDED_WITHOUT_MFA", "us carla ADDED_WITH_WEAK_MFA");

            Files.writeString(dir.resolve("eu.txt"), "1;anna;none\n2;bernd;none\n");
            Files.writeString(dir.resolve("us.txt"), "7;carla\n");
            RunReport second = watch.run();
            assertThat(second.changes()).extracting(c -> c.scope() + " " + c.kind() + " " + c.subjectName())
                    .containsExactly("eu MFA_DISABLED anna");
            assertThat(second.monitor("hr").status()).isEqualTo(MonitorStatus.FAILED);
            assertThat(second.monitor("hr").scopes().get(1).error()).contains("line 1: expected id;login;mfa");
            assertThat(store.load("hr", "us").orElseThrow().accounts()).extracting(a -> a.name()).containsExactly("carla");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
