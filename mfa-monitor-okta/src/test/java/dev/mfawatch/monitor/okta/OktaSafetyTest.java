package dev.mfawatch.monitor.okta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.model.ConfigurationException;
import dev.mfawatch.model.MonitorException;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.ScanContext;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.contract.Fixtures;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Settings checked at start-up, and a service that misbehaves: redirects, huge and endless answers. */
class OktaSafetyTest {

    private final FakeOkta okta = new FakeOkta();
    private final FakeOkta elsewhere = new FakeOkta();

    OktaSafetyTest() {
        okta.user("00ualice", "alice@acme.test").factor("push");
    }

    @AfterEach
    void stop() {
        okta.close();
        elsewhere.close();
    }

    private static Monitor create(Map<String, String> relative) {
        return new OktaMonitorProvider().create(Settings.of("mfawatch.monitor.okta", relative));
    }

    private static String problems(Map<String, String> relative) {
        try {
            create(relative).close();
            return "";
        } catch (ConfigurationException e) {
            return e.getMessage();
        }
    }

    @Test
    void startUpNamesEveryCredentialMistake() {
        assertThat(problems(Map.of("endpoint", "https://acme.okta.com"))).contains("token", "client-id and private-key");
        assertThat(problems(Map.of("endpoint", "https://acme.okta.com", "token", "t0ken", "client-id", "0oa1")))
                .contains("not both").doesNotContain("t0ken");
        assertThat(problems(Map.of("endpoint", "https://acme.okta.com", "client-id", "0oa1"))).contains("private-key");
        assertThat(problems(Map.of("endpoint", "https://acme.okta.com", "token", "t0ken", "key-id", "k1"))).contains("key-id");
        assertThat(problems(Map.of("token", "t0ken"))).contains("endpoint");
    }

    @Test
    void theEndpointMustBeTheOrgUrlOverHttps() {
        assertThat(problems(Map.of("endpoint", "http://acme.okta.com", "token", "t0ken"))).contains("clear");
        assertThat(problems(Map.of("endpoint", "https://acme-admin.okta.com", "token", "t0ken"))).contains("admin");
        assertThat(problems(Map.of("endpoint", "https://acme.okta.com/api/v1", "token", "t0ken"))).contains("an origin only");
        assertThat(problems(Map.of("endpoint", "https://acme.okta.com/", "token", "t0ken"))).isEmpty();
        assertThat(problems(Map.of("endpoint", "http://127.0.0.1:8080", "token", "t0ken"))).as("a fake on this machine").isEmpty();
    }

    @Test
    void durationsAndTheReserveAreChecked() {
        assertThat(problems(Map.of("endpoint", "https://acme.okta.com", "token", "t0ken", "full-scan-every", "90d")))
                .contains("full-scan-every");
        assertThat(problems(Map.of("endpoint", "https://acme.okta.com", "token", "t0ken", "rate-limit-reserve", "95%")))
                .contains("rate-limit-reserve");
    }

    @Test
    void theMonitorDescribesWhatItChecksAndDefaultsToTwentyMinutes() {
        assertThat(new OktaMonitorProvider().defaultTimeout()).isEqualTo(Duration.ofMinutes(20));
        try (Monitor m = create(Map.of("endpoint", "https://acme.okta.com", "token", "t0ken"))) {
            assertThat(m.rule().id()).isEqualTo("okta-mfa");
            assertThat(m.toString()).contains("acme.okta.com").doesNotContain("t0ken");
        }
    }

    private Monitor monitor() {
        return new OktaMonitorProvider().create(OktaMonitorTest.settings(okta, "request-timeout", "2s"));
    }

    private void scan(Monitor m, Duration limit) {
        m.scan(ScanContext.of("okta", null, Clock.systemUTC(), Instant.now().plus(limit)));
    }

    @Test
    void aRedirectToAnotherOriginIsNotFollowed() {
        okta.override("/api/v1/users", x -> FakeOkta.reply(x, 302, Map.of("Location", elsewhere.endpoint() + "/api/v1/users"), ""));
        try (Monitor m = monitor()) {
            assertThatThrownBy(() -> scan(m, Duration.ofSeconds(30))).isInstanceOf(MonitorException.class)
                    .hasMessageContaining("another origin");
        }
        assertThat(elsewhere.requests).isEmpty();
    }

    @Test
    void aRedirectWithinTheOrgIsFollowed() {
        okta.override("/api/v1/users", x -> FakeOkta.reply(x, 301, Map.of("Location", "/api/v1/users-moved"), ""));
        AtomicReference<String> auth = new AtomicReference<>();
        okta.override("/api/v1/users-moved", x -> {
            auth.set(x.getRequestHeaders().getFirst("Authorization"));
            FakeOkta.reply(x, 200, Map.of("Content-Type", "application/json"), "[]");
        });
        try (Monitor m = monitor()) {
            scan(m, Duration.ofSeconds(30));
        }
        assertThat(auth.get()).isEqualTo("SSWS " + FakeOkta.TOKEN);
    }

    @Test
    void aNextPageOnAnotherOriginIsNotRead() {
        okta.override("/api/v1/users", x -> FakeOkta.reply(x, 200, Map.of("Content-Type", "application/json",
                "Link", "<" + elsewhere.endpoint() + "/api/v1/users?after=x>; rel=\"next\""),
                "[{\"id\":\"00ualice\",\"status\":\"ACTIVE\",\"profile\":{\"login\":\"alice@acme.test\"}}]"));
        try (Monitor m = monitor()) {
            assertThatThrownBy(() -> scan(m, Duration.ofSeconds(30))).hasMessageContaining("another origin");
        }
        assertThat(elsewhere.requests).isEmpty();
    }

    @Test
    void aHugeAnswerIsCutOffAndFailsTheScan() {
        okta.override("/api/v1/users", x -> {
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try (OutputStream out = x.getResponseBody()) {
                out.write('[');
                for (int i = 0; i < 40; i++) {
                    out.write(chunk);
                }
            } catch (java.io.IOException e) {
                // the client hung up, as it should
            }
        });
        try (Monitor m = monitor()) {
            assertThatThrownBy(() -> scan(m, Duration.ofSeconds(30))).isInstanceOf(MonitorException.class).hasMessageContaining("larger than");
        }
    }

    @Test
    void anAnswerThatTricklesIsCutOffAtTheRequestTimeout() {
        okta.override("/api/v1/users", x -> {
            x.sendResponseHeaders(200, 0);
            try (OutputStream out = x.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (java.io.IOException | InterruptedException e) {
                // the client gave up
            }
        });
        long start = System.nanoTime();
        try (Monitor m = monitor()) {
            assertThatThrownBy(() -> scan(m, Duration.ofSeconds(6))).isInstanceOf(MonitorException.class)
                    .hasMessageContaining("no complete answer");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void fixturesSettingsKeepTheTokenSecret() {
        Settings s = Fixtures.settings("mfawatch.monitor.okta", Map.of("mfawatch.monitor.okta.token", FakeOkta.TOKEN));
        assertThat(s.getSecret("token").toString()).doesNotContain(FakeOkta.TOKEN);
    }
}
