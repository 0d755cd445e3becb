package dev.mfawatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class MonitoringOutputTest {

    private static final Pattern SAMPLE = Pattern.compile("([a-z_]+)(\\{([^}]*)\\})? (\\S+)");
    private CliHarness cli;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        cli = new CliHarness(dir);
        cli.config("mfawatch.monitors=team,ops",
                "mfawatch.monitor.team.type=scripted",
                "mfawatch.monitor.team.accounts=alice:DISABLED,bob:ENABLED,<b>&co:DISABLED,svc:NOT_APPLICABLE",
                "mfawatch.monitor.ops.type=scripted",
                "mfawatch.monitor.ops.accounts=carol:ENABLED",
                "mfawatch.monitor.ops.fail=true");
    }

    @Test
    void prtgXmlHasAChannelPerMonitorWithAnErrorLimitAndTheNamesInText() throws Exception {
        CliHarness.Result r = cli.run("run", "--format", "prtg");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("prtg");
        NodeList results = root.getElementsByTagName("result");
        Map<String, Element> byChannel = new HashMap<>();
        for (int i = 0; i < results.getLength(); i++) {
            Element e = (Element) results.item(i);
            byChannel.put(text(e, "channel"), e);
        }
        assertThat(byChannel).containsOnlyKeys("team: accounts without MFA", "ops: accounts without MFA", "monitors failed");
        Element team = byChannel.get("team: accounts without MFA");
        assertThat(text(team, "value")).isEqualTo("2");
        assertThat(text(team, "limitmode")).isEqualTo("1");
        assertThat(text(team, "limitmaxerror")).isEqualTo("0");
        assertThat(text(byChannel.get("monitors failed"), "value")).isEqualTo("1");
        assertThat(text(root, "text")).isEqualTo("without MFA: team: <b>&co, alice");
    }

    @Test
    void prometheusTextParsesAndCountsAccountsChangesAndHealth() {
        CliHarness.Result r = cli.run("run", "--format", "prometheus");
        Map<String, Double> samples = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        for (String line : r.out().lines().toList()) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
                continue;
            }
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("a valid sample line: %s", line).isTrue();
            samples.put(m.group(1) + (m.group(3) == null ? "" : "{" + m.group(3) + "}"), Double.parseDouble(m.group(4)));
        }
        assertThat(types).containsEntry("mfawatch_accounts", "gauge").containsEntry("mfawatch_run_changes", "gauge")
                .containsEntry("mfawatch_monitor_up", "gauge").containsEntry("mfawatch_last_run_timestamp_seconds", "gauge");
        assertThat(samples).containsEntry("mfawatch_accounts{monitor=\"team\",scope=\"default\",state=\"DISABLED\"}", 2.0)
                .containsEntry("mfawatch_accounts{monitor=\"team\",scope=\"default\",state=\"ENABLED\"}", 1.0)
                .containsEntry("mfawatch_accounts{monitor=\"team\",scope=\"default\",state=\"NOT_APPLICABLE\"}", 1.0)
                .containsEntry("mfawatch_run_changes{monitor=\"team\",scope=\"default\",kind=\"ADDED_WITHOUT_MFA\",severity=\"HIGH\"}", 2.0)
                .containsEntry("mfawatch_monitor_up{monitor=\"team\",type=\"scripted\",status=\"ok\"}", 1.0)
                .containsEntry("mfawatch_monitor_up{monitor=\"ops\",type=\"scripted\",status=\"failed\"}", 0.0);
        assertThat(samples.get("mfawatch_last_run_timestamp_seconds")).isGreaterThan(1.7e9);
        // ops has never scanned: a count of 0 would claim it has no accounts without MFA.
        assertThat(samples.keySet()).noneMatch(k -> k.startsWith("mfawatch_accounts{monitor=\"ops\""));
        assertThat(types).doesNotContainKey("mfawatch_changes_total");
    }

    private static String text(Element e, String tag) {
        return e.getElementsByTagName(tag).item(0).getTextContent();
    }
}
