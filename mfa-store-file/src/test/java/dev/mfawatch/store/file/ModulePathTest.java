package dev.mfawatch.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import dev.mfawatch.core.MfaWatch;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The unit tests run on the class path; this one boots the real module descriptors on a module path
 * (a {@link ModuleLayer} of mfa-core, this module, SLF4J and Jackson) and asks mfa-core to discover
 * providers there, so the {@code uses}/{@code provides} declarations are proven, not assumed.
 */
class ModulePathTest {

    private static Path locationOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void mfaCoreFindsEveryProviderOnTheModulePath() throws Exception {
        ModuleFinder finder = ModuleFinder.of(locationOf(MfaWatch.class), locationOf(FileSnapshotStoreProvider.class),
                locationOf(org.slf4j.Logger.class), locationOf(JsonFactory.class));
        Configuration config = ModuleLayer.boot().configuration()
                .resolveAndBind(finder, ModuleFinder.of(), Set.of("dev.mfawatch.core"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(config, ClassLoader.getPlatformClassLoader());
        assertThat(layer.findModule("dev.mfawatch.store.file")).as("bound in as a provider of core's service").isPresent();

        Class<?> registry = layer.findLoader("dev.mfawatch.core").loadClass("dev.mfawatch.core.ProviderRegistry");
        assertThat(registry.getModule().isNamed()).isTrue();
        Object loaded = registry.getMethod("load", ModuleLayer.class).invoke(null, layer);
        @SuppressWarnings("unchecked")
        List<String> lines = (List<String>) registry.getMethod("describe").invoke(loaded);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("store file " + FileSnapshotStoreProvider.class.getName()))
                .anySatisfy(l -> assertThat(l).startsWith("store memory dev.mfawatch.core.internal.InMemorySnapshotStoreProvider"))
                .anySatisfy(l -> assertThat(l).startsWith("notifier log dev.mfawatch.core.internal.LoggingNotifierProvider"));
    }

    @Test
    void coreUsesEveryServiceAndExportsItsThreeLayers() throws Exception {
        ModuleDescriptor core = ModuleFinder.of(locationOf(MfaWatch.class)).findAll().iterator().next().descriptor();
        assertThat(core.uses()).containsExactlyInAnyOrder("dev.mfawatch.spi.MonitorProvider",
                "dev.mfawatch.spi.NotifierProvider", "dev.mfawatch.spi.SnapshotStoreProvider", "dev.mfawatch.spi.ExemptionLoader");
        assertThat(core.exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder("dev.mfawatch.model", "dev.mfawatch.spi", "dev.mfawatch.core");
        for (ModuleDescriptor.Provides provides : core.provides()) {
            assertThat(servicesFile(MfaWatch.class, provides.service())).isEqualTo(provides.providers());
        }
    }

    private static List<String> servicesFile(Class<?> inModule, String service) throws IOException {
        // Read the file from that module's own location, not whichever copy the class path finds first.
        try (java.net.URLClassLoader only = new java.net.URLClassLoader(
                new java.net.URL[] {inModule.getProtectionDomain().getCodeSource().getLocation()}, null);
             InputStream in = only.getResourceAsStream("META-INF/services/" + service)) {
            assertThat(in).as("META-INF/services/%s next to %s", service, inModule.getSimpleName()).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }
}
