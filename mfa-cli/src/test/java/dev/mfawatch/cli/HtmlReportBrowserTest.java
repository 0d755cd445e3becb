package dev.mfawatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;

/**
 * The HTML report in a real browser: Debian's Chromium, headless, driven by Debian's chromedriver
 * through Selenium (the driver is named, so Selenium Manager downloads nothing). Chrome's
 * performance log lists every request the page made and its browser log every console message:
 * the page must make no request but its own file and log no error. Then the numbers, the escaping
 * and A4 printing are read from the rendered page, and a screenshot is kept under {@code target/}.
 * Without Chromium the test is skipped, unless {@code CI=true} ({@code .ci/run} installs it).
 */
class HtmlReportBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static ChromeDriver driver;
    private static Path page;

    @BeforeAll
    static void openThePage() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: install the chromium and "
                    + "chromium-driver packages (.ci/run does)");
        }
        Assumptions.assumeTrue(present, "Chromium is not installed (apt-get install chromium chromium-driver); the browser test is skipped");
        Path dir = Files.createDirectories(Path.of("target", "report-browser"));
        page = dir.resolve("report.html").toAbsolutePath();
        Files.writeString(page, ReportFixtures.render(), StandardCharsets.UTF_8);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1200,1800", "--user-data-dir=" + Files.createTempDirectory(dir, "profile"));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL", LogType.PERFORMANCE, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        // Leave the browser's own start page, and forget what it loaded, so the logs hold only the report's doings.
        driver.get("about:blank");
        driver.manage().logs().get(LogType.PERFORMANCE);
        driver.manage().logs().get(LogType.BROWSER);
        driver.get(page.toUri().toString());
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void thePageMakesNoRequestAndLogsNoError() throws IOException {
        List<String> requests = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = json.readTree(e.getMessage()).path("message");
            if (message.path("method").asText().equals("Network.requestWillBeSent")) {
                requests.add(message.path("params").path("request").path("url").asText());
            }
        }
        assertThat(requests).as("every request the page made").containsOnly(page.toUri().toString());
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
        assertThat(errors).as("console warnings and errors").isEmpty();
    }

    /** The check above can fail: a page that tries to load an image is caught (CSP stops the load and logs it). */
    @Test
    void theCheckSeesAPageThatWouldFetch() throws IOException {
        Path bad = page.resolveSibling("fetching.html");
        Files.writeString(bad, ReportFixtures.render().replace("<main>", "<main><img src=\"https://example.invalid/pixel.png\" alt=\"\">"),
                StandardCharsets.UTF_8);
        try {
            driver.get(bad.toUri().toString());
            List<String> seen = new ArrayList<>(driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList());
            for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
                if (e.getMessage().contains("example.invalid")) {
                    seen.add(e.getMessage());
                }
            }
            assertThat(seen).anySatisfy(m -> assertThat(m).contains("example.invalid"));
        } finally {
            // Back to the report, with fresh logs, for the other tests.
            driver.get("about:blank");
            driver.manage().logs().get(LogType.PERFORMANCE);
            driver.manage().logs().get(LogType.BROWSER);
            driver.get(page.toUri().toString());
        }
    }

    @Test
    void theChartAndTheTablesShowTheData() {
        List<WebElement> series = driver.findElements(By.cssSelector("svg#chart g.series"));
        assertThat(series).extracting(g -> g.getAttribute("data-monitor") + " " + g.getText())
                .containsExactly("github github 70.0%", "aws-iam aws-iam 95.0%", "okta okta 100.0%");
        for (WebElement g : series) {
            assertThat(g.findElement(By.tagName("polyline")).getSize().getWidth()).as("a line is drawn").isGreaterThan(100);
        }
        assertThat(driver.findElement(By.cssSelector("#summary tr[data-monitor=github]")).getText())
                .startsWith("github 70.0% ▼ −10.0 points 10 2 1 1");
        assertThat(driver.findElement(By.cssSelector("#coverage-table tbody tr")).getText()).isEqualTo("2026-03-01 70.0% 95.0% 100.0%");
        assertThat(driver.findElements(By.cssSelector("#without tbody tr"))).hasSize(3).first()
                .satisfies(row -> assertThat(row.getText()).contains("<root_account>", "(critical)", "CRITICAL", "3 days"));
        assertThat(driver.findElement(By.cssSelector("#exempt tbody tr")).getText()).contains("carol", "break-glass account kept in the safe");
    }

    @Test
    void aHostileAccountNameRendersAsText() {
        assertThat(driver.getTitle()).isEqualTo("MFA coverage, 2026-03-01");
        assertThat(driver.findElements(By.tagName("img"))).isEmpty();
        assertThat(driver.findElements(By.tagName("script"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#without span.acct"))).extracting(WebElement::getText).contains(ReportFixtures.HOSTILE);
        assertThat(driver.findElements(By.cssSelector("#changes span.acct"))).extracting(WebElement::getText).contains(ReportFixtures.HOSTILE);
    }

    @Test
    void itPrintsOnA4AndAScreenshotIsKept() throws IOException {
        PrintOptions print = new PrintOptions();
        print.setPageSize(new PageSize(29.7, 21.0));
        Pdf pdf = driver.print(print);
        byte[] bytes = Base64.getDecoder().decode(pdf.getContent());
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("%PDF-");
        // A4 is 595 x 842 points; Chromium writes each page's MediaBox.
        assertThat(text).contains("/MediaBox [0 0 595");
        Files.write(Path.of("target", "report-browser", "report.pdf"), bytes);
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Path kept = Path.of("target", "report-browser", "report-screenshot.png");
        Files.copy(shot, kept, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(kept)).isGreaterThan(10_000);
    }
}
