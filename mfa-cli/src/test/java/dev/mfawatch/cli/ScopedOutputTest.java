package dev.mfawatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outputs of a run in which one monitor watches three scopes, one of which fails. */
class ScopedOutputTest {

    private final ObjectMapper json = new ObjectMapper();
    private CliHarness cli;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        cli = new CliHarness(dir);
        cli.config("mfawatch.monitors=org,team",
                "mfawatch.monitor.org.type=scripted",
                "mfawatch.monitor.org.accounts=alice:DISABLED,bob:ENABLED",
                "mfawatch.monitor.org.scopes=111111111111,222222222222,333333333333",
                "mfawatch.monitor.org.failing-scopes=222222222222",
                "mfawatch.monitor.team.type=scripted",
                "mfawatch.monitor.team.accounts=carol:DISABLED");
    }

    @Test
    void jsonListsEachScopeAndEachChangeNamesItsScope() throws Exception {
        CliHarness.Result r = cli.run("run", "--format", "json");
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        JsonNode run = json.readTree(r.out());
        JsonNode org = run.path("monitors").path(0);
        assertThat(org.path("status").asText()).isEqualTo("failed");
        assertThat(org.path("accounts").asInt()).isEqualTo(4);
        assertThat(org.path("withoutMfa").asInt()).isEqualTo(2);
        List<String> scopes = new ArrayList<>();
        org.path("scopes").forEach(s -> scopes.add(s.path("id").asText() + " " + s.path("status").asText() + " "
                + s.path("accounts").asInt() + " " + s.path("withoutMfa").asInt() + " " + s.path("exempt").asInt()
                + " " + s.has("error")));
        assertThat(scopes).containsExactly("111111111111 ok 2 1 0 false", "222222222222 failed 0 0 0 true",
                "333333333333 ok 2 1 0 false");
        assertThat(org.path("scopes").path(1).path("error").asText()).contains("scripted failure of scope 222222222222");
        JsonNode team = run.path("monitors").path(1);
        assertThat(team.path("scopes")).hasSize(1);
        assertThat(team.path("scopes").path(0).path("id").asText()).isEqualTo("default");
        List<String> changes = new ArrayList<>();
        run.path("changes").forEach(c -> changes.add(c.path("monitor").asText() + "/" + c.path("scope").asText()
                + " " + c.path("account").path("name").asText()));
        assertThat(changes).containsExactly("org/111111111111 alice", "org/333333333333 alice", "team/default carol");
    }

    @Test
    void prometheusLabelsEverySeriesWithItsScopeAndPrtgKeepsOneChannelPerMonitor() {
        String prom = cli.run("run", "--format", "prometheus").out();
        assertThat(prom).contains("mfawatch_accounts{monitor=\"org\",scope=\"111111111111\",state=\"DISABLED\"} 1",
                "mfawatch_accounts{monitor=\"team\",scope=\"default\",state=\"DISABLED\"} 1",
                "mfawatch_scope_up{monitor=\"org\",scope=\"222222222222\",status=\"failed\"} 0",
                "mfawatch_scope_up{monitor=\"org\",scope=\"333333333333\",status=\"ok\"} 1",
                "mfawatch_run_changes{monitor=\"org\",scope=\"333333333333\",kind=\"ADDED_WITHOUT_MFA\",severity=\"HIGH\"} 1")
                .doesNotContain("scope=\"222222222222\",state=");
        String prtg = cli.run("run", "--format", "prtg").out();
        assertThat(prtg).contains("<channel>org: accounts without MFA</channel>\n    <value>2</value>")
                .doesNotContain("111111111111");
        assertThat(prtg.split("<result>")).hasSize(4);
    }

    @Test
    void theTableShowsAScopeColumnAndALinePerScope() {
        String table = cli.run("run").out();
        assertThat(table).containsPattern("HIGH\\s+ADDED_WITHOUT_MFA\\s+org\\s+111111111111\\s+alice")
                .containsPattern("org\\s+\\(3\\)\\s+scripted\\s+failed\\s+4")
                .containsPattern("\\n\\s+222222222222\\s+failed\\s+0")
                .containsPattern("team\\s+scripted\\s+ok\\s+1");
    }

    @Test
    void withOnlyDefaultScopesTheTableHasNoScopeColumn() {
        cli.config("mfawatch.monitors=team", "mfawatch.monitor.team.type=scripted", "mfawatch.monitor.team.accounts=carol:DISABLED");
        assertThat(cli.run("run").out()).doesNotContain("SCOPE").contains("NAME  TYPE");
    }
}
