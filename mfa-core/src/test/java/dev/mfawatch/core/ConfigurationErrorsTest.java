package dev.mfawatch.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.model.ConfigurationException;
import dev.mfawatch.model.ProviderException;
import dev.mfawatch.model.Snapshot;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.ScanResult;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SpiVersion;
import dev.mfawatch.spi.contract.ScriptedMonitorProvider;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a start-up says about a bad configuration: every problem at once, each naming its key. */
class ConfigurationErrorsTest {

    /** A monitor that needs an organisation and a token, and echoes the organisation in its accounts. */
    public static final class Org implements MonitorProvider {
        @Override
        public String type() {
            return "org";
        }

        @Override
        public String spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public Monitor create(Settings settings) {
            String org = settings.getString("organization");
            settings.getSecret("token");
            Duration wait = settings.getDuration("rate-limit-wait", Duration.ofSeconds(60));
            if (org.contains("/")) {
                settings.reject("organization", "is not an organisation login");
            }
            // A stand-in must not turn into a crash that hides the real problem.
            org.charAt(0);
            return ctx -> ScanResult.of(Snapshot.of(ctx.monitorName(), ctx.clock().instant(), List.of(
                    dev.mfawatch.model.Account.of("org:" + org, org + "/" + wait.toSeconds(), dev.mfawatch.model.MfaState.ENABLED))));
        }
    }

    private static Map<String, String> kv(String... keysAndValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static MfaWatch build(Map<String, String> file, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(file);
        all.putIfAbsent("mfawatch.store.type", "memory");
        return MfaWatch.builder().settings(SettingsSources.of(all, env, Map.of()))
                .providers(ProviderRegistry.of(List.of(new Org(), new ScriptedMonitorProvider()), List.of(),
                        List.of(new dev.mfawatch.core.internal.InMemorySnapshotStoreProvider())))
                .build();
    }

    private static List<String> problems(Map<String, String> file, Map<String, String> env) {
        try (MfaWatch ignored = build(file, env)) {
            throw new AssertionError("expected configuration problems");
        } catch (ConfigurationException e) {
            return e.problems();
        }
    }

    @Test
    void everyBadSettingIsReportedAtOnceEachNamingItsKey() {
        List<String> found = problems(Map.of(
                "mfawatch.monitors", "gh,other",
                "mfawatch.monitor.gh.type", "org",
                "mfawatch.monitor.gh.organization", "acme",
                "mfawatch.monitor.gh.tokne", "ghp_typo",
                "mfawatch.monitor.other.type", "org",
                "mfawatch.monitor.other.organization", "a/b",
                "mfawatch.monitor.other.token", "t",
                "mfawatch.monitor.other.timeout", "200000d",
                "mfawatch.monitor.other.rate-limit-wait", "soon",
                "mfawatch.baseline", "loud"), Map.of());
        assertThat(found).containsExactlyInAnyOrder(
                "mfawatch.baseline=loud is not one of report, silent",
                "mfawatch.monitor.gh.token is required but not set",
                "mfawatch.monitor.gh.tokne is not a setting of monitor gh (type org): check its spelling in the README",
                "mfawatch.monitor.other.timeout=200000d is out of range (from 1ms to 1d)",
                "mfawatch.monitor.other.rate-limit-wait=soon is not a duration (try 30s or 5m)",
                "mfawatch.monitor.other.organization=a/b is not an organisation login");
    }

    @Test
    void aTypoIsFoundInAnInstanceWhoseNameHasADashOrAnUnderscore() {
        for (String name : List.of("a-b", "a_b")) {
            String p = "mfawatch.monitor." + name + ".";
            assertThat(problems(Map.of("mfawatch.monitors", name, p + "type", "org", p + "organization", "acme",
                    p + "token", "t", p + "tokne", "t"), Map.of()))
                    .containsExactly(p + "tokne is not a setting of monitor " + name + " (type org): check its spelling in the README");
        }
    }

    @Test
    void aMissingRequiredValueDoesNotCrashTheProviderIntoAnotherError() {
        assertThat(problems(Map.of("mfawatch.monitors", "gh", "mfawatch.monitor.gh.type", "org"), Map.of()))
                .containsExactly("mfawatch.monitor.gh.organization is required but not set",
                        "mfawatch.monitor.gh.token is required but not set");
    }

    @Test
    void aProviderThatBreaksWithValidSettingsIsNamed() {
        MonitorProvider broken = new MonitorProvider() {
            @Override
            public String type() {
                return "broken";
            }

            @Override
            public String spiVersion() {
                return SpiVersion.CURRENT;
            }

            @Override
            public Monitor create(Settings settings) {
                throw new IllegalStateException("no client for you");
            }
        };
        assertThatThrownBy(() -> MfaWatch.builder().settings(Map.of("mfawatch.monitors", "b", "mfawatch.monitor.b.type", "broken",
                "mfawatch.store.type", "memory")).providers(ProviderRegistry.of(List.of(broken), List.of(),
                List.of(new dev.mfawatch.core.internal.InMemorySnapshotStoreProvider()))).build())
                .isInstanceOf(ProviderException.class)
                .hasMessage("monitor b (type broken) could not be created: java.lang.IllegalStateException: no client for you");
    }

    @Test
    void instanceNamesKeepTheirDashesAndUnderscoresInAFile() {
        try (MfaWatch watch = build(kv("mfawatch.monitors", "a,a-b",
                "mfawatch.monitor.a.type", "org", "mfawatch.monitor.a.organization", "one", "mfawatch.monitor.a.token", "t",
                "mfawatch.monitor.a-b.type", "org", "mfawatch.monitor.a-b.organization", "two", "mfawatch.monitor.a-b.token", "t"),
                Map.of())) {
            RunReport r = watch.run();
            assertThat(watch.monitorNames()).containsExactly("a", "a-b");
            assertThat(r.monitors()).extracting(MonitorOutcome::status).containsOnly(MonitorStatus.OK);
            assertThat(watch.store().load("a").orElseThrow().accounts()).extracting(a -> a.name()).containsExactly("one/60");
            assertThat(watch.store().load("a-b").orElseThrow().accounts()).extracting(a -> a.name()).containsExactly("two/60");
        }
        for (String name : List.of("x-y", "x_y")) {
            String p = "mfawatch.monitor." + name + ".";
            try (MfaWatch watch = build(kv("mfawatch.monitors", name, p + "type", "org", p + "organization", name,
                    p + "token", "t", p + "rate-limit-wait", "7s"), Map.of())) {
                watch.run();
                assertThat(watch.store().load(name).orElseThrow().accounts()).extracting(a -> a.name()).containsExactly(name + "/7");
            }
            try (MfaWatch watch = build(Map.of(), kv("MFAWATCH_MONITORS", name, "MFAWATCH_MONITOR_X_Y_TYPE", "org",
                    "MFAWATCH_MONITOR_X_Y_ORGANIZATION", name + "-env", "MFAWATCH_MONITOR_X_Y_TOKEN", "t"))) {
                watch.run();
                assertThat(watch.store().load(name).orElseThrow().accounts()).extracting(a -> a.name()).containsExactly(name + "-env/60");
            }
        }
    }

    @Test
    void theEnvironmentReachesInstancesByTheirDeclaredNames() {
        try (MfaWatch watch = build(Map.of(), kv("MFAWATCH_MONITORS", "a,a-b,prod-iam",
                "MFAWATCH_MONITOR_A_TYPE", "org", "MFAWATCH_MONITOR_A_ORGANIZATION", "one", "MFAWATCH_MONITOR_A_TOKEN", "t",
                "MFAWATCH_MONITOR_A_B_TYPE", "org", "MFAWATCH_MONITOR_A_B_ORGANIZATION", "two", "MFAWATCH_MONITOR_A_B_TOKEN", "t",
                "MFAWATCH_MONITOR_PROD_IAM_TYPE", "org", "MFAWATCH_MONITOR_PROD_IAM_ORGANIZATION", "prod",
                "MFAWATCH_MONITOR_PROD_IAM_TOKEN", "t", "MFAWATCH_MONITOR_PROD_IAM_RATE_LIMIT_WAIT", "5s"))) {
            watch.run();
            assertThat(watch.store().load("a").orElseThrow().accounts()).extracting(a -> a.name()).containsExactly("one/60");
            assertThat(watch.store().load("a-b").orElseThrow().accounts()).extracting(a -> a.name()).containsExactly("two/60");
            assertThat(watch.store().load("prod-iam").orElseThrow().accounts()).extracting(a -> a.name()).containsExactly("prod/5");
        }
    }

    @Test
    void twoNamesTheEnvironmentCannotTellApartAreAnErrorNamingBoth() {
        assertThat(problems(Map.of("mfawatch.monitors", "x-y,x_y",
                "mfawatch.monitor.x-y.type", "scripted", "mfawatch.monitor.x_y.type", "scripted"), Map.of()))
                .containsExactly("monitor names x-y and x_y both map to the environment prefix MFAWATCH_MONITOR_X_Y_, so their"
                        + " environment variables cannot be told apart: rename one");
    }
}
