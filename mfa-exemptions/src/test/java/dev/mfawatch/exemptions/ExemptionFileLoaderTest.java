package dev.mfawatch.exemptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.core.InMemorySnapshotStore;
import dev.mfawatch.core.MfaWatch;
import dev.mfawatch.core.RunReport;
import dev.mfawatch.model.ConfigurationException;
import dev.mfawatch.model.Exemption;
import dev.mfawatch.spi.contract.Fixtures;
import dev.mfawatch.spi.contract.ScriptedMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExemptionFileLoaderTest {

    @TempDir
    Path dir;

    private final ExemptionFileLoader loader = new ExemptionFileLoader();

    @Test
    void yamlAndJsonReadTheSameEntries() throws Exception {
        Path yaml = Files.writeString(dir.resolve("exemptions.yaml"), """
                exemptions:
                  - monitor: aws
                    account: arn:aws:iam::123456789012:user/break-glass
                    reason: Break-glass account; its hardware token is in the safe.
                    expires: 2027-03-31
                  - monitor: gh
                    account: octo-bot
                    reason: "Machine user, being retired"
                    expires: 2026-12-31
                """);
        Path json = Files.writeString(dir.resolve("exemptions.json"), """
                {"exemptions": [
                  {"monitor": "aws", "account": "arn:aws:iam::123456789012:user/break-glass",
                   "reason": "Break-glass account; its hardware token is in the safe.", "expires": "2027-03-31"},
                  {"monitor": "gh", "account": "octo-bot", "reason": "Machine user, being retired", "expires": "2026-12-31"}
                ]}
                """);
        assertThat(loader.load(yaml)).containsExactly(
                new Exemption("aws", "arn:aws:iam::123456789012:user/break-glass",
                        "Break-glass account; its hardware token is in the safe.", LocalDate.parse("2027-03-31")),
                new Exemption("gh", "octo-bot", "Machine user, being retired", LocalDate.parse("2026-12-31")));
        assertThat(loader.load(json)).isEqualTo(loader.load(yaml));
        assertThat(loader.reads(Path.of("x.yml"))).isTrue();
        assertThat(loader.reads(Path.of("x.txt"))).isFalse();
    }

    @Test
    void aBadEntryIsNamed() throws Exception {
        Path noReason = Files.writeString(dir.resolve("a.yaml"), "exemptions:\n  - monitor: aws\n    account: x\n    expires: 2027-01-01\n");
        assertThatThrownBy(() -> loader.load(noReason)).isInstanceOf(ConfigurationException.class)
                .hasMessage("mfawatch.exemptions.file=" + noReason + ": entry 1 has no 'reason'");
        Path badDate = Files.writeString(dir.resolve("b.json"),
                "{\"exemptions\":[{\"monitor\":\"aws\",\"account\":\"x\",\"reason\":\"r\",\"expires\":\"next year\"}]}");
        assertThatThrownBy(() -> loader.load(badDate)).hasMessageEndingWith("entry 1: expires=next year is not a date (YYYY-MM-DD)");
        Path broken = Files.writeString(dir.resolve("c.json"), "{\"exemptions\": [");
        assertThatThrownBy(() -> loader.load(broken)).hasMessageContaining(": not valid JSON: ");
        Path other = Files.writeString(dir.resolve("d.yaml"), "accounts: []\n");
        assertThatThrownBy(() -> loader.load(other)).hasMessageEndingWith("unknown field 'accounts' (the file holds one list, 'exemptions')");
        assertThatThrownBy(() -> loader.load(dir.resolve("missing.yaml"))).hasMessageEndingWith(": no such file");
    }

    @Test
    void theSettingWiresTheFileIntoARun() throws Exception {
        Path file = Files.writeString(dir.resolve("exemptions.yml"), """
                exemptions:
                  - monitor: gh
                    account: github:2
                    reason: test account
                    expires: 2999-12-31
                """);
        RunReport r = MfaWatch.builder().settings(Map.of("mfawatch.exemptions.file", file.toString()))
                .store(new InMemorySnapshotStore())
                .monitor("gh", new ScriptedMonitor().then(Fixtures.richSnapshot("gh", Fixtures.T0).accounts().toArray(new dev.mfawatch.model.Account[0])))
                .runOnce();
        // github:2, the one without MFA, is exempt; the root's weak MFA is another matter, still announced.
        assertThat(r.changes()).extracting(c -> c.subjectId().value() + " " + c.kind())
                .containsExactly("arn:aws:iam::123456789012:root ADDED_WITH_WEAK_MFA");
        assertThat(r.monitor("gh").exempt()).isEqualTo(1);
        assertThat(r.warnings()).isEmpty();

        Files.writeString(file, "exemptions:\n  - {monitor: gh, account: \"name:name-of-github:2\", reason: by name, expires: 2999-12-31}\n");
        r = MfaWatch.builder().settings(Map.of("mfawatch.exemptions.file", file.toString())).store(new InMemorySnapshotStore())
                .monitor("gh", new ScriptedMonitor().then(Fixtures.richSnapshot("gh", Fixtures.T0).accounts().toArray(new dev.mfawatch.model.Account[0])))
                .runOnce();
        assertThat(r.monitor("gh").exempt()).isEqualTo(1);
        assertThat(r.warnings()).singleElement().asString().contains("'name:name-of-github:2' matches a display name", "(github:2)");
    }
}
