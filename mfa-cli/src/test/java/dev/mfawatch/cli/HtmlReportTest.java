package dev.mfawatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The HTML report as text: byte for byte against a golden file (a change to the page shows in the
 * diff of {@code golden-report.html}; regenerate with {@code -Dgolden.update=true} and read the
 * diff), and the properties a page must keep whatever its layout.
 */
class HtmlReportTest {

    private static final Path GOLDEN = Path.of("src/test/resources/dev/mfawatch/cli/golden-report.html");

    @Test
    void thePageIsTheGoldenOne() throws IOException {
        String page = ReportFixtures.render();
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN, page, StandardCharsets.UTF_8);
        }
        assertThat(page).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
        assertThat(ReportFixtures.render()).as("the same data gives the same bytes").isEqualTo(page);
    }

    @Test
    void nothingIsFetchedAndNoScriptRuns() {
        String page = ReportFixtures.render();
        assertThat(page).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        assertThat(page.toLowerCase()).doesNotContain("<script", "<img", "<link", "<iframe", "<object", "@import", "url(", "javascript:");
        // The only addresses are the rules' https links, which a reader may follow; nothing loads them.
        Matcher urls = Pattern.compile("(https?:)?//[^\"'\\s<)]+").matcher(page);
        while (urls.find()) {
            String url = urls.group();
            assertThat(url).as(url).matches("https://docs\\.(github|aws\\.amazon)\\.com/.*|//www\\.w3\\.org/2000/svg|http://www\\.w3\\.org/2000/svg");
        }
    }

    @Test
    void aHostileNameIsTextEverywhere() {
        String page = ReportFixtures.render();
        assertThat(page).doesNotContain(ReportFixtures.HOSTILE, "<img src=x", "onerror=\"");
        assertThat(page).contains("&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;&amp;amp;&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void theNumbersAreThoseOfTheData() {
        String page = ReportFixtures.render();
        // github: 10 accounts, 2 without MFA and 1 exempt now: 70%; 80% on the first day, so -10 points.
        assertThat(page).contains("<tr data-monitor=\"github\"><th scope=\"row\">github</th><td class=\"num coverage\">70.0%</td>"
                + "<td class=\"num\"><span class=\"down\">▼ −10.0 points</span></td><td class=\"num\">10</td><td class=\"num\">2</td>"
                + "<td class=\"num\">1</td><td class=\"num\">1</td>");
        assertThat(page).contains("<g class=\"series\" data-monitor=\"aws-iam\" data-coverage=\"95.0%\">",
                "<g class=\"series\" data-monitor=\"okta\" data-coverage=\"100.0%\">", "<span class=\"up\">▲ +40.0 points</span>");
        // The root is listed first (critical), open 3 days; bob is open since before the history.
        int root = page.indexOf("&lt;root_account&gt;</span>");
        int bob = page.indexOf("<span class=\"acct\">bob</span>");
        assertThat(root).isPositive().isLessThan(bob);
        assertThat(page).contains("3 days<br><small>since 2026-02-26</small>", "10 days<br><small>since 2026-02-19</small>",
                "60 days<br><small>since 2025-12-31</small>");
        assertThat(page).contains("<td>break-glass account kept in the safe</td><td>2026-12-31</td>");
        List<String> rows = page.lines().filter(l -> l.startsWith("<tr><th scope=\"row\">20")).toList();
        assertThat(rows).as("one row a week, newest first").hasSize(9).first().asString().startsWith("<tr><th scope=\"row\">2026-03-01</th>"
                + "<td class=\"num\">70.0%</td><td class=\"num\">95.0%</td><td class=\"num\">100.0%</td>");
    }

    @Test
    void aMonitorOfSeveralScopesShowsEachUnderIt() {
        String page = ReportFixtures.render();
        assertThat(page).contains("<tr class=\"scope\" data-monitor=\"aws-iam\" data-scope=\"111111111111\"><th scope=\"row\">"
                + "aws-iam / 111111111111</th><td class=\"num\">90.0%</td>", "data-scope=\"222222222222\"><th scope=\"row\">aws-iam / "
                + "222222222222</th><td class=\"num\">100.0%</td>");
        assertThat(page).doesNotContain("data-scope=\"default\"");
    }

    @Test
    void aScopeWithoutARunForAWeekLeavesTheSum() {
        java.time.Instant t0 = java.time.Instant.parse("2026-01-01T12:00:00Z");
        List<dev.mfawatch.spi.HistoryRecord> history = new java.util.ArrayList<>();
        for (int d = 0; d < 20; d++) {
            history.add(new dev.mfawatch.spi.HistoryRecord(t0.plus(java.time.Duration.ofDays(d)), "aws", "kept", 10, 0, 0, 0, List.of()));
            if (d < 5) {
                // retired after day 4: its last numbers must not be carried into the sum for ever
                history.add(new dev.mfawatch.spi.HistoryRecord(t0.plus(java.time.Duration.ofDays(d)), "aws", "gone", 10, 10, 0, 0, List.of()));
            }
        }
        List<HtmlReport.Point> points = HtmlReport.series(history);
        assertThat(points).hasSize(20);
        assertThat(points.get(4).accounts()).isEqualTo(20);
        assertThat(points.get(4).coverage()).isEqualTo(0.5);
        assertThat(points.get(11).accounts()).as("6 days after its last run, still counted").isEqualTo(20);
        assertThat(points.get(12).accounts()).as("over a week after its last run, gone").isEqualTo(10);
        assertThat(points.get(19).coverage()).isEqualTo(1.0);
    }

    @Test
    void aReportOfNothingSaysSo() {
        String page = new HtmlReport(ReportFixtures.NOW, ReportFixtures.SINCE, List.of(), List.of()).render();
        assertThat(page).contains("No runs recorded since 2025-12-31.", "No changes since 2025-12-31.", "from the stored state of 0 monitors");
    }
}
