package com.example.hrportal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.core.InMemorySnapshotStore;
import dev.mfawatch.core.MfaWatch;
import dev.mfawatch.core.ProviderRegistry;
import dev.mfawatch.core.RunReport;
import dev.mfawatch.model.ChangeKind;
import dev.mfawatch.model.ConfigurationException;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.contract.MonitorContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HrPortalMonitorTest extends MonitorContract {

    static Path export() throws Exception {
        return Path.of(HrPortalMonitorTest.class.getResource("/hr-export.txt").toURI());
    }

    @Override
    protected List<String> secrets() {
        return NO_SECRETS;
    }

    @Override
    protected Monitor subject() {
        try {
            return new HrPortalMonitorProvider().create(Settings.of("mfawatch.monitor.hr", Map.of("export", export().toString())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void serviceLoaderFindsItByTypeAndAHostRunsIt() throws Exception {
        assertThat(ProviderRegistry.load(getClass().getClassLoader()).monitor("hr-portal")).isInstanceOf(HrPortalMonitorProvider.class);
        RunReport r = MfaWatch.builder()
                .settings(Map.of("mfawatch.monitors", "hr", "mfawatch.monitor.hr.type", "hr-portal",
                        "mfawatch.monitor.hr.export", export().toString()))
                .store(new InMemorySnapshotStore())
                .runOnce();
        assertThat(r.monitor("hr").rule().title()).isEqualTo("Acme HR portal users without MFA");
        // The baseline names b.meier (no MFA) and c.dubois (SMS, weak), each with the monitor's rule.
        assertThat(r.changes()).extracting(c -> c.subjectName() + " " + c.kind())
                .containsExactly("b.meier ADDED_WITHOUT_MFA", "c.dubois ADDED_WITH_WEAK_MFA");
        assertThat(r.changes()).allSatisfy(c -> assertThat(c.rule()).isEqualTo(HrPortalMonitor.RULE));
        assertThat(r.changes().get(0).kind()).isEqualTo(ChangeKind.ADDED_WITHOUT_MFA);
    }

    @Test
    void aBrokenExportFailsTheScanInsteadOfDroppingUsers(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("export.txt"), "1;a;totp\n2;b\n");
        Monitor m = new HrPortalMonitorProvider().create(Settings.of("mfawatch.monitor.hr", Map.of("export", broken.toString())));
        assertThatThrownBy(() -> m.scan(context("hr", null))).hasMessageEndingWith("line 2: expected id;login;mfa");
    }

    @Test
    void anExportLargerThanItsCapFailsTheScan(@TempDir Path dir) throws Exception {
        Path big = Files.writeString(dir.resolve("export.txt"), "1;a;totp\n".repeat(200));
        Monitor m = new HrPortalMonitorProvider().create(Settings.of("mfawatch.monitor.hr",
                Map.of("export", big.toString(), "max-size", "1KB")));
        assertThatThrownBy(() -> m.scan(context("hr", null))).hasMessageContaining("is larger than max-size (1024 bytes)");
    }

    @Test
    void everyBadSettingIsNamedAtStartUp() {
        assertThatThrownBy(() -> MfaWatch.builder().settings(Map.of("mfawatch.monitors", "hr", "mfawatch.monitor.hr.type", "hr-portal",
                "mfawatch.monitor.hr.max-size", "5TB", "mfawatch.monitor.hr.exprot", "typo.txt")).store(new InMemorySnapshotStore()).build())
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems()).containsExactlyInAnyOrder(
                        "mfawatch.monitor.hr.export is required but not set",
                        "mfawatch.monitor.hr.max-size=5TB is not a size (e.g. 256KB or 10MB)",
                        "mfawatch.monitor.hr.exprot is not a setting of monitor hr (type hr-portal): check its spelling in the README"));
    }
}
