package dev.mfawatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The unit tests run on the class path; this one puts every jar of the command line's run-time
 * class path on a module path instead, boots mfa-core in a {@link ModuleLayer} with its services
 * bound, and asks it for its providers: every module descriptor's {@code requires}, {@code uses} and
 * {@code provides} is proven by resolution, not assumed.
 */
class ModulePathTest {

    private static final Set<String> OURS = Set.of("dev.mfawatch.core", "dev.mfawatch.store.file", "dev.mfawatch.store.jdbc", "dev.mfawatch.store.s3", "dev.mfawatch.exemptions",
            "dev.mfawatch.monitor.aws", "dev.mfawatch.monitor.github", "dev.mfawatch.monitor.okta", "dev.mfawatch.monitor.entra", "dev.mfawatch.monitor.google", "dev.mfawatch.monitor.gitlab", "dev.mfawatch.monitor.slack", "dev.mfawatch.notifier.slack", "dev.mfawatch.notifier.webhook");

    @Test
    void mfaCoreFindsEveryBuiltInProviderOnTheModulePath() throws Exception {
        // The main code's own jars and its run-time dependencies; not the test tools nor this module's classes.
        Path[] entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
                .filter(p -> Files.exists(p) && !isTestOnly(p)).toArray(Path[]::new);
        ModuleFinder finder = ModuleFinder.of(entries);
        Set<String> found = finder.findAll().stream().map(ModuleReference::descriptor).map(d -> d.name())
                .collect(Collectors.toSet());
        assertThat(found).containsAll(OURS);
        Configuration config = ModuleLayer.boot().configuration().resolveAndBind(finder, ModuleFinder.of(), Set.of("dev.mfawatch.core"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(config, ClassLoader.getPlatformClassLoader());
        for (String module : OURS) {
            assertThat(layer.findModule(module)).as(module + " is bound in as a provider of core's services").isPresent();
        }
        java.lang.module.ModuleDescriptor core = layer.findModule("dev.mfawatch.core").orElseThrow().getDescriptor();
        assertThat(core.uses()).containsExactlyInAnyOrder("dev.mfawatch.spi.MonitorProvider",
                "dev.mfawatch.spi.NotifierProvider", "dev.mfawatch.spi.SnapshotStoreProvider", "dev.mfawatch.spi.ExemptionLoader");
        assertThat(core.exports()).extracting(java.lang.module.ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder("dev.mfawatch.model", "dev.mfawatch.spi", "dev.mfawatch.core");
        Class<?> registry = layer.findLoader("dev.mfawatch.core").loadClass("dev.mfawatch.core.ProviderRegistry");
        assertThat(registry.getModule().isNamed()).isTrue();
        Object loaded = registry.getMethod("load", ModuleLayer.class).invoke(null, layer);
        @SuppressWarnings("unchecked")
        List<String> lines = (List<String>) registry.getMethod("describe").invoke(loaded);
        assertThat(lines.stream().map(l -> l.split(" ")[0] + " " + l.split(" ")[1]).toList()).containsExactlyInAnyOrder(
                "monitor aws-cloudtrail-signin", "monitor aws-credential-report-file", "monitor aws-iam", "monitor github", "monitor okta", "monitor entra", "monitor google-workspace", "monitor gitlab", "monitor slack-workspace",
                "notifier log", "notifier slack", "notifier webhook", "store file", "store jdbc", "store memory", "store s3");
    }

    /** Test classes, core's test-jar and the test tools: on the class path here, never in the command line. */
    private static boolean isTestOnly(Path p) {
        String s = p.toString().replace('\\', '/');
        return s.endsWith("/test-classes") || s.endsWith("mfa-cli/target/classes") || s.endsWith("-tests.jar")
                || TEST_TOOLS.stream().anyMatch(s::contains);
    }

    private static final List<String> TEST_TOOLS = List.of("junit", "assertj", "opentest4j", "apiguardian", "quicktheories",
            "archunit", "slf4j-simple", "byte-buddy", "jspecify");
}
