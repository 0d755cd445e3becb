package dev.mfawatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    private static final String CANARY = "ghp_CANARY_8f14e45fceea167a5a36";
    private final ObjectMapper json = new ObjectMapper();
    private CliHarness cli;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        cli = new CliHarness(dir);
    }

    private Path team(String accounts, String... more) {
        String[] lines = new String[3 + more.length];
        lines[0] = "mfawatch.monitors=team";
        lines[1] = "mfawatch.monitor.team.type=scripted";
        lines[2] = "mfawatch.monitor.team.accounts=" + accounts;
        System.arraycopy(more, 0, lines, 3, more.length);
        return cli.config(lines);
    }

    @Test
    void versionAndHelp() {
        assertThat(cli.run("--version").out()).startsWith("mfa-watch 0.1.0-SNAPSHOT");
        CliHarness.Result help = cli.run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("run", "demo", "report", "history", "config", "providers", "Exit codes: 0 completed");
        assertThat(cli.run("run", "--help").out()).contains("--fail-on", "--every", "--format", "--config", "--quiet", "--verbose");
        assertThat(cli.run("config", "check", "--help").code()).isZero();
    }

    @Test
    void runPrintsChangesAndSummaryAsATable() {
        team("alice:DISABLED,bob:ENABLED");
        CliHarness.Result first = cli.run("run");
        assertThat(first.code()).isZero();
        assertThat(first.out()).contains("Changes (1)", "HIGH", "ADDED_WITHOUT_MFA", "alice", "Monitors", "team", "scripted", "ok");
        CliHarness.Result second = cli.run("run");
        assertThat(second.out()).startsWith("No changes.");
    }

    @Test
    void jsonOutputHasEveryContractField() throws Exception {
        team("alice:DISABLED,bob:ENABLED");
        CliHarness.Result r = cli.run("run", "--format", "json");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).hasSize(1);
        JsonNode run = json.readTree(r.out());
        assertThat(run.path("startedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(run.path("finishedAt").asText()).isNotEmpty();
        assertThat(run.path("pendingDeliveries").asInt(-1)).isZero();
        JsonNode m = run.path("monitors").path(0);
        assertThat(m.path("name").asText()).isEqualTo("team");
        assertThat(m.path("type").asText()).isEqualTo("scripted");
        assertThat(m.path("status").asText()).isEqualTo("ok");
        assertThat(m.path("accounts").asInt()).isEqualTo(2);
        assertThat(m.path("withoutMfa").asInt()).isEqualTo(1);
        assertThat(m.path("exempt").asInt(-1)).isZero();
        assertThat(m.has("error")).isFalse();
        assertThat(m.path("rule").path("title").asText()).isEqualTo("Accounts without MFA (scripted)");
        assertThat(m.path("rule").path("severity").asText()).isEqualTo("HIGH");
        JsonNode c = run.path("changes").path(0);
        assertThat(run.path("changes")).hasSize(1);
        assertThat(c.path("monitor").asText()).isEqualTo("team");
        assertThat(c.path("kind").asText()).isEqualTo("ADDED_WITHOUT_MFA");
        assertThat(c.path("severity").asText()).isEqualTo("HIGH");
        assertThat(c.path("account").path("id").asText()).isEqualTo("scripted:alice");
        assertThat(c.path("account").path("name").asText()).isEqualTo("alice");
        assertThat(c.path("before").isNull()).isTrue();
        assertThat(c.path("after").asText()).isEqualTo("DISABLED");
        assertThat(java.time.Instant.parse(c.path("at").asText())).isBetween(java.time.Instant.parse(run.path("startedAt").asText()), java.time.Instant.parse(run.path("finishedAt").asText()));
        assertThat(c.path("details").isObject()).isTrue();
        assertThat(c.path("id").asText()).hasSize(32);
    }

    @Test
    void aFailingMonitorExitsOneAndNamesTheFailure() throws Exception {
        team("alice:DISABLED", "mfawatch.monitor.team.fail=true");
        CliHarness.Result r = cli.run("run", "--format", "json");
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        JsonNode m = json.readTree(r.out()).path("monitors").path(0);
        assertThat(m.path("status").asText()).isEqualTo("failed");
        assertThat(m.path("error").asText()).startsWith("monitor team failed: scripted failure");
    }

    @Test
    void failOnChangesAndFindings() {
        team("alice:DISABLED,bob:ENABLED");
        assertThat(cli.run("run", "--fail-on", "changes").code()).isEqualTo(ExitCodes.FAIL_ON);
        assertThat(cli.run("run", "--fail-on", "changes").code()).as("no change this time").isEqualTo(ExitCodes.OK);
        assertThat(cli.run("run", "--fail-on", "findings").code()).as("alice still has no MFA").isEqualTo(ExitCodes.FAIL_ON);
        assertThat(cli.run("run", "--fail-on", "none").code()).isEqualTo(ExitCodes.OK);
        team("bob:ENABLED");
        assertThat(cli.run("run", "--fail-on", "findings").code()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void eachKindOfConfigurationErrorIsOneLineNamingIt() {
        cli.config("mfawatch.monitors=team");
        assertOneLine(cli.run("run"), "mfa-watch: mfawatch.monitor.team.type is required but not set");

        cli.config("mfawatch.monitors=team", "mfawatch.monitor.team.type=bitbucket");
        assertOneLine(cli.run("run"), "mfa-watch: unknown monitor type 'bitbucket' (types found: ");

        team("alice:DISABLED", "mfawatch.monitor.team.timeout=5x");
        assertOneLine(cli.run("run"), "mfa-watch: mfawatch.monitor.team.timeout=5x is not a duration (try 30s or 5m)");

        team("alice:DISABLED");
        assertOneLine(cli.run("run", "--config", "missing.properties"),
                "mfa-watch: --config=" + cli.dir.resolve("missing.properties") + ": no such file");
        assertOneLine(cli.run("run", "--config", "."), "mfa-watch: --config=" + cli.dir.resolve(".") + " is a directory");
    }

    private static void assertOneLine(CliHarness.Result r, String start) {
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith(start).doesNotContain("\tat ", "Exception");
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void usageErrorsExitTwo() {
        team("alice:DISABLED");
        CliHarness.Result badFormat = cli.run("run", "--format", "xml");
        assertThat(badFormat.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badFormat.err()).contains("--format", "xml");
        CliHarness.Result badEvery = cli.run("run", "--every", "soon");
        assertThat(badEvery.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badEvery.err()).contains("'soon' is not a duration (try 30s or 15m)");
        assertThat(cli.run("run", "--every", "0s").err()).contains("must be longer than zero");
        assertThat(cli.run("frobnicate").code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aCanaryTokenIsNeverPrinted() {
        team("alice:DISABLED", "mfawatch.monitor.team.fail=true", "mfawatch.monitor.team.token=" + CANARY);
        CliHarness.Result run = cli.run("run");
        assertThat(run.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("401 for token ****");
        CliHarness.Result json = cli.run("run", "--format", "json", "--verbose");
        CliHarness.Result check = cli.run("config", "check");
        assertThat(check.out()).contains("mfawatch.monitor.team.token=****");
        team("alice:DISABLED", "mfawatch.monitor.team.tokne=" + CANARY);
        CliHarness.Result typo = cli.run("config", "check");
        assertThat(typo.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err()).contains("mfawatch.monitor.team.tokne is not a setting");
        for (CliHarness.Result r : new CliHarness.Result[] {run, json, check, typo}) {
            assertThat(r.all()).doesNotContain(CANARY);
        }
    }

    @Test
    void environmentVariablesOverrideTheFile() throws Exception {
        team("alice:DISABLED");
        cli.env.put("MFAWATCH_MONITOR_TEAM_ACCOUNTS", "zoe:DISABLED");
        JsonNode run = json.readTree(cli.run("run", "--format", "json").out());
        assertThat(run.path("changes").path(0).path("account").path("name").asText()).isEqualTo("zoe");
    }

    @Test
    void reportListsAccountsWithoutMfaFromTheStoreOnly() throws Exception {
        team("alice:DISABLED,bob:ENABLED,carol:DISABLED");
        assertThat(cli.run("report").out()).contains("team has no stored snapshot yet");
        cli.run("run");
        CliHarness.Result table = cli.run("report");
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("alice", "carol", "scripted:alice").doesNotContain("bob");
        JsonNode report = json.readTree(cli.run("report", "--format", "json").out());
        assertThat(report.path("monitors").path(0).path("withoutMfa")).extracting(n -> n.path("name").asText())
                .containsExactly("alice", "carol");
        team("alice:DISABLED", "mfawatch.monitor.team.fail=true");
        assertThat(cli.run("report").out()).as("no scan: the failing monitor is not called").contains("carol");
    }

    @Test
    void exemptionsAndTheirWarningsShowInTheOutput() throws Exception {
        java.nio.file.Files.writeString(cli.dir.resolve("exempt.yaml"), "exemptions:\n"
                + "  - {monitor: team, account: \"scripted:alice\", reason: break-glass, expires: 2999-01-01}\n"
                + "  - {monitor: team, account: nobody, reason: gone, expires: 2999-01-01}\n");
        team("alice:DISABLED,carol:DISABLED", "mfawatch.exemptions.file=" + cli.dir.resolve("exempt.yaml"));
        JsonNode run = json.readTree(cli.run("run", "--format", "json").out());
        assertThat(run.path("monitors").path(0).path("exempt").asInt()).isEqualTo(1);
        assertThat(run.path("monitors").path(0).path("withoutMfa").asInt()).isEqualTo(1);
        assertThat(run.path("changes")).extracting(c -> c.path("account").path("name").asText()).containsExactly("carol");
        assertThat(run.path("warnings").get(0).asText()).contains("'nobody' matches no account");
        assertThat(cli.run("run").out()).contains("EXEMPT", "~ the exemption of 'nobody'");
        assertThat(cli.run("report").out()).contains("none, exempt until 2999-01-01");
        JsonNode report = json.readTree(cli.run("report", "--format", "json").out());
        assertThat(report.path("monitors").path(0).path("exempt").get(0).path("reason").asText()).isEqualTo("break-glass");
        assertThat(report.path("monitors").path(0).path("withoutMfa")).extracting(n -> n.path("name").asText()).containsExactly("carol");
    }

    @Test
    void anOktaMonitorIsCheckedWithItsCredentialsMasked() throws Exception {
        cli.config("mfawatch.monitors=idp", "mfawatch.monitor.idp.type=okta", "mfawatch.monitor.idp.endpoint=https://acme.okta.com",
                "mfawatch.monitor.idp.token=" + CANARY);
        CliHarness.Result ok = cli.run("config", "check");
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("mfawatch.monitor.idp.token=****", "mfawatch.monitor.idp.type=okta");
        Path key = cli.dir.resolve("okta-key.pem");
        java.nio.file.Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\nMIIEowCANARY==\n-----END RSA PRIVATE KEY-----\n");
        cli.config("mfawatch.monitors=idp", "mfawatch.monitor.idp.type=okta", "mfawatch.monitor.idp.endpoint=http://acme.okta.com",
                "mfawatch.monitor.idp.client-id=0oa1", "mfawatch.monitor.idp.private-key=" + key);
        CliHarness.Result bad = cli.run("config", "check");
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("2 configuration problems:", "mfawatch.monitor.idp.private-key", "openssl pkcs8",
                "mfawatch.monitor.idp.endpoint", "in clear");
        assertThat(bad.all()).doesNotContain(CANARY, "MIIEow");
    }

    @Test
    void anEntraMonitorIsCheckedWithItsSecretMasked() {
        cli.config("mfawatch.monitors=aad", "mfawatch.monitor.aad.type=entra",
                "mfawatch.monitor.aad.tenant-id=11111111-2222-3333-4444-555555555555",
                "mfawatch.monitor.aad.client-id=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "mfawatch.monitor.aad.client-secret=" + CANARY);
        CliHarness.Result ok = cli.run("config", "check");
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("mfawatch.monitor.aad.client-secret=****").doesNotContain(CANARY);
        cli.config("mfawatch.monitors=aad", "mfawatch.monitor.aad.type=entra", "mfawatch.monitor.aad.tenant-id=common",
                "mfawatch.monitor.aad.client-id=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "mfawatch.monitor.aad.client-secret=" + CANARY,
                "mfawatch.monitor.aad.certificate=/nowhere/app.pem");
        CliHarness.Result bad = cli.run("config", "check");
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("mfawatch.monitor.aad.tenant-id=common", "one tenant", "use one of them");
        assertThat(bad.all()).doesNotContain(CANARY);
    }

    @Test
    void anHtmlReportIsWrittenWholeFromTheStoredStateAndHistory() throws Exception {
        team("alice:DISABLED,bob:ENABLED");
        cli.run("run");
        team("alice:DISABLED,bob:DISABLED,<b>eve</b>:ENABLED");
        cli.run("run");
        java.nio.file.Path out = cli.dir.resolve("report.html");
        CliHarness.Result r = cli.run("report", "--format", "html", "--output", out.toString(), "--since", "400d");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).isEmpty();
        String page = java.nio.file.Files.readString(out);
        assertThat(page).startsWith("<!DOCTYPE html>").endsWith("</html>\n").contains("history since ")
                .contains("<tr data-monitor=\"team\"><th scope=\"row\">team</th><td class=\"num coverage\">33.3%</td>")
                .contains("<g class=\"series\" data-monitor=\"team\" data-coverage=\"33.3%\">", ">MFA_DISABLED<", "&lt;b&gt;eve&lt;/b&gt;")
                .doesNotContain("<b>eve</b>");
        assertThat(cli.dir.toFile().list()).as("no temporary file left").noneMatch(n -> n.endsWith(".tmp"));
        assertThat(cli.run("report", "--format", "html").out()).as("to standard output without --output").startsWith("<!DOCTYPE html>");
        CliHarness.Result nowhere = cli.run("report", "--format", "html", "--output", cli.dir.resolve("no/such/dir/r.html").toString());
        assertThat(nowhere.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(nowhere.err()).contains("--output=", "does not exist");
        assertThat(cli.run("report", "--format", "pdf").code()).isEqualTo(ExitCodes.USAGE);
        java.nio.file.Path json = cli.dir.resolve("report.json");
        assertThat(cli.run("report", "--format", "json", "--output", json.toString()).code()).isZero();
        assertThat(this.json.readTree(java.nio.file.Files.readString(json)).path("monitors").get(0).path("withoutMfa")).hasSize(2);
    }

    @Test
    void historyListsEachRunPerMonitorInEveryFormat() throws Exception {
        team("alice:DISABLED,bob:ENABLED");
        cli.run("run");
        team("alice:DISABLED,bob:DISABLED,carol:ENABLED");
        cli.run("run");
        CliHarness.Result table = cli.run("history");
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("TIME", "MONITOR", "WITHOUT MFA", "team");
        assertThat(table.out().lines().filter(l -> l.contains(" team "))).hasSize(2);
        JsonNode history = json.readTree(cli.run("history", "--format", "json").out()).path("history");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("withoutMfa").asInt()).isEqualTo(1);
        assertThat(history.get(1).path("withoutMfa").asInt()).isEqualTo(2);
        assertThat(history.get(1).path("accounts").asInt()).isEqualTo(3);
        assertThat(history.get(1).path("changeKinds").path("MFA_DISABLED").asInt()).isEqualTo(1);
        String csv = cli.run("history", "--format", "csv", "--monitor", "team").out();
        assertThat(csv.lines().toList()).hasSize(3).first().isEqualTo("at,monitor,scope,accounts,without_mfa,weak,exempt,changes");
        assertThat(csv.lines().skip(2).findFirst().orElseThrow()).endsWith(",team,default,3,2,0,0,2");
        assertThat(cli.run("history", "--scope", "elsewhere").out()).contains("No runs recorded in the last 30d in scope elsewhere");
        CliHarness.Result typo = cli.run("history", "--monitor", "teem");
        assertThat(typo.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err()).contains("--monitor=teem is not a configured monitor", "did you mean team");
        assertThat(cli.run("history", "--since", "forever").err()).contains("'forever' is not a duration");
        // fields are quoted by RFC 4180, and a leading = + - @ is kept from a spreadsheet as text
        assertThat(HistoryCommand.field("=cmd,x")).isEqualTo("\"'=cmd,x\"");
        assertThat(HistoryCommand.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(HistoryCommand.field("plain")).isEqualTo("plain");
    }

    @Test
    void configCheckPrintsTheEffectiveSettings() {
        team("alice:DISABLED");
        CliHarness.Result r = cli.run("config", "check");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("mfawatch.monitor.team.type=scripted", "Monitors: team", "OK:");
    }

    @Test
    void configCheckNamesEveryBadSettingAtOnceAndExitsTwo() {
        team("alice:DISABLED", "mfawatch.monitor.team.timeout=200000d", "mfawatch.monitor.team.tokne=" + CANARY,
                "mfawatch.monitor.team.fail=maybe", "mfawatch.reminder.every=0s");
        for (String command : new String[] {"config check", "run"}) {
            CliHarness.Result r = cli.run(command.split(" "));
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("3 configuration problems:",
                    "mfawatch.monitor.team.timeout=200000d is out of range (from 1ms to 1d)",
                    "mfawatch.monitor.team.fail=maybe is not true or false",
                    "mfawatch.monitor.team.tokne is not a setting of monitor team (type scripted)")
                    .doesNotContain(CANARY, "ArithmeticException");
        }
    }

    @Test
    void instanceNamesFromTheEnvironmentKeepTheirDashes() {
        cli.config("mfawatch.monitors=prod-iam,prod");
        cli.env.put("MFAWATCH_MONITOR_PROD_IAM_TYPE", "scripted");
        cli.env.put("MFAWATCH_MONITOR_PROD_IAM_ACCOUNTS", "iam-user:DISABLED");
        cli.env.put("MFAWATCH_MONITOR_PROD_TYPE", "scripted");
        cli.env.put("MFAWATCH_MONITOR_PROD_ACCOUNTS", "plain-user:ENABLED");
        CliHarness.Result r = cli.run("run", "--format", "json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"iam-user\"").doesNotContain("plain-user\",\"before");
        assertThat(cli.run("config", "check").out()).contains("MFAWATCH_MONITOR_PROD_IAM_ACCOUNTS=iam-user:DISABLED", "Monitors: prod-iam, prod");
    }

    @Test
    void everyRepeatsUntilStoppedAndWritesJsonLines() throws Exception {
        team("alice:DISABLED");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cli c = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                Map.of(), Map.of(), cli.dir);
        CompletableFuture<Integer> loop = CompletableFuture.supplyAsync(
                () -> Main.execute(c, "run", "--every", "100ms", "--format", "json"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (out.toString(StandardCharsets.UTF_8).lines().count() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        c.stop.countDown();
        assertThat(loop.get(30, TimeUnit.SECONDS)).isZero();
        var lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
        assertThat(json.readTree(lines.get(0)).path("changes")).hasSize(1);
        for (String line : lines.subList(1, lines.size())) {
            assertThat(json.readTree(line).path("changes")).isEmpty();
        }
        assertThat(cli.run("run").code()).as("the store was released").isZero();
    }

    @Test
    void reportAndRunsOfAnotherProcessWorkWhileRunEveryGoesOn() throws Exception {
        team("alice:DISABLED,bob:ENABLED", "mfawatch.monitor.team.scopes=111111111111,default");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cli c = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                Map.of(), Map.of(), cli.dir);
        CompletableFuture<Integer> loop = CompletableFuture.supplyAsync(
                () -> Main.execute(c, "run", "--every", "50ms", "--format", "json"));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (out.toString(StandardCharsets.UTF_8).lines().count() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            // Readers take no lease: every report during the loop succeeds and sees a whole snapshot.
            for (int i = 0; i < 20; i++) {
                CliHarness.Result report = cli.run("report", "--format", "json");
                assertThat(report.code()).isZero();
                JsonNode team = json.readTree(report.out()).path("monitors").path(0);
                assertThat(team.path("accounts").asInt()).isEqualTo(4);
                assertThat(team.path("withoutMfa")).hasSize(2);
            }
            assertThat(cli.run("config", "check").code()).isZero();
        } finally {
            c.stop.countDown();
        }
        assertThat(loop.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).allSatisfy(line ->
                assertThat(json.readTree(line).path("monitors").path(0).path("status").asText()).isEqualTo("ok"));
    }

    @Test
    void deadLettersFailEveryRunUntilTheDeliveriesCommandRetriesOrDropsThem() throws Exception {
        Path config = team("alice:DISABLED", "mfawatch.notifiers=gone", "mfawatch.notifier.gone.type=scripted",
                "mfawatch.notifier.gone.refuse=true", "mfawatch.delivery.max-attempts=2");
        assertThat(cli.run("run").code()).isEqualTo(ExitCodes.FAILED);
        CliHarness.Result second = cli.run("run", "--format", "json");
        assertThat(second.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(json.readTree(second.out()).path("deadLetters").asInt()).isEqualTo(1);
        assertThat(json.readTree(second.out()).path("pendingDeliveries").asInt()).isZero();

        CliHarness.Result list = cli.run("deliveries", "list", "--format", "json");
        assertThat(list.code()).isZero();
        JsonNode dead = json.readTree(list.out()).path("deadLetters").path(0);
        String id = dead.path("id").asText();
        assertThat(dead.path("notifier").asText()).isEqualTo("gone");
        assertThat(dead.path("attempts").asInt()).isEqualTo(2);
        assertThat(dead.path("change").path("account").path("name").asText()).isEqualTo("alice");
        assertThat(cli.run("deliveries", "list").out()).contains("dead", "gone", id);

        assertThat(cli.run("run").code()).as("still failing while the dead letter waits").isEqualTo(ExitCodes.FAILED);
        assertThat(cli.run("deliveries", "retry", "--id", "0".repeat(32)).code()).isEqualTo(ExitCodes.USAGE);
        CliHarness.Result retry = cli.run("deliveries", "retry", "--notifier", "gone");
        assertThat(retry.out()).startsWith("1 dead letter(s) are pending again");
        assertThat(json.readTree(cli.run("deliveries", "list", "--format", "json").out()).path("pending")).hasSize(1);

        // Still refused: after two more failures it is a dead letter again; then drop it.
        cli.run("run");
        cli.run("run");
        assertThat(cli.run("deliveries", "drop", "--id", id).out()).isEqualTo("Dropped 1 dead letter(s).\n");
        Files.writeString(config, Files.readString(config).replace("mfawatch.notifier.gone.refuse=true", "mfawatch.notifier.gone.refuse=false"));
        assertThat(cli.run("run").code()).as("no dead letter is left").isZero();
    }

    @Test
    void theDemoRunsOffline() {
        CliHarness.Result r = cli.run("demo");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("1. Baseline", "chen.wei", "2. The next scan", "CRITICAL", "<root_account>",
                "fatima.r", "3. What an alert says", "[HIGH] aws-demo: MFA_DISABLED ben.okafor");
    }

    @Test
    void providersAreListed() {
        assertThat(cli.run("providers").out()).contains("monitor aws-iam ", "monitor aws-credential-report-file ", "monitor okta ", "monitor entra ", "monitor google-workspace ", "monitor gitlab ", "monitor slack-workspace ",
                "monitor aws-cloudtrail-signin ", "store file ", "store jdbc ", "store memory ", "store s3 ", "notifier log ");
    }
}
