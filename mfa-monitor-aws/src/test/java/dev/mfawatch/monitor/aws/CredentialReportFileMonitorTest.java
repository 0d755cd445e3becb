package dev.mfawatch.monitor.aws;

import static dev.mfawatch.spi.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.core.ChangeDetector;
import dev.mfawatch.model.Change;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.model.Severity;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.contract.Fixtures;
import dev.mfawatch.spi.contract.MonitorContract;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialReportFileMonitorTest extends MonitorContract {

    @TempDir
    Path tmp;

    static Path fixture(String name) {
        try {
            return Path.of(CredentialReportFileMonitorTest.class.getResource("/credential-reports/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Monitor monitor(Path path) {
        return new CredentialReportFileMonitorProvider().create(
                Fixtures.settings("mfawatch.monitor.aws", Map.of("mfawatch.monitor.aws.path", path.toString())));
    }

    private static Snapshot scan(Path path) {
        return monitor(path).scan(ScanContext.of("aws", null, Clock.fixed(T0, ZoneOffset.UTC), T0.plusSeconds(60))).snapshot();
    }

    @Override
    protected List<String> secrets() {
        return NO_SECRETS;
    }

    @Override
    protected Monitor subject() {
        return monitor(fixture("before.csv"));
    }

    @Test
    void theBundledReportsShowEveryKindOfChange() {
        Snapshot before = scan(fixture("before.csv"));
        Snapshot after = scan(fixture("after.csv"));
        assertThat(before.accounts()).hasSize(7);
        assertThat(ChangeDetector.diff(before, after)).extracting(c -> c.subjectName() + " " + c.kind() + " " + c.severity())
                .containsExactly(
                        "<root_account> MFA_DISABLED CRITICAL",
                        "ben.okafor MFA_DISABLED HIGH",
                        "chen.wei MFA_ENABLED INFO",
                        "dora.m REMOVED INFO",
                        "fatima.r ADDED_WITHOUT_MFA HIGH");
        assertThat(ChangeDetector.diff(before, after)).filteredOn(c -> c.severity().isAtLeast(Severity.HIGH))
                .extracting(Change::monitor).containsOnly("aws");
    }

    @Test
    void aMissingFileOrAForeignCsvFailsTheScanClearly() throws IOException {
        assertThatThrownBy(() -> scan(tmp.resolve("nope.csv"))).isInstanceOf(MonitorException.class)
                .hasMessage("mfawatch.monitor.aws.path=" + tmp.resolve("nope.csv") + ": no such file");
        Path other = tmp.resolve("other.csv");
        Files.writeString(other, "name,email\nx,y\n");
        assertThatThrownBy(() -> scan(other)).hasMessageContaining("is not a credential report IAM would write")
                .hasMessageContaining("no column user, arn, password_enabled, mfa_active");
    }

    @Test
    void aReportCutShortFailsTheScanRatherThanReportingEveryoneRemoved() throws IOException {
        // A copy that stopped early keeps the header and perhaps some users, but never loses the root row by
        // itself: IAM writes it first. Without it, the scan must fail so that the stored snapshot stands.
        List<String> lines = Files.readAllLines(fixture("before.csv"));
        Path headerOnly = tmp.resolve("header-only.csv");
        Files.writeString(headerOnly, lines.get(0) + "\n");
        Path withoutRoot = tmp.resolve("without-root.csv");
        Files.write(withoutRoot, lines.stream().filter(l -> !l.startsWith("<root_account>,")).toList());
        for (Path cut : List.of(headerOnly, withoutRoot)) {
            assertThatThrownBy(() -> scan(cut)).isInstanceOf(MonitorException.class)
                    .hasMessageContaining("has no <root_account> row").hasMessageContaining("the old snapshot is kept");
        }
        assertThat(scan(fixture("before.csv")).accounts()).hasSize(7);
    }

    @Test
    void thePathIsRequired() {
        assertThatThrownBy(() -> new CredentialReportFileMonitorProvider().create(Fixtures.settings("mfawatch.monitor.aws", Map.of())))
                .hasMessage("mfawatch.monitor.aws.path is required but not set");
    }
}
