package dev.mfawatch.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.core.internal.InMemorySnapshotStoreProvider;
import dev.mfawatch.core.internal.LoggingNotifierProvider;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.contract.ScriptedMonitorProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderRegistryTest {

    /** A provider whose type is whatever the test says. */
    static final class Typed implements MonitorProvider {
        private final String type;

        Typed(String type) {
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public Monitor create(Settings settings) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void serviceLoaderFindsTheBuiltInsAndTheTestProvider() {
        ProviderRegistry r = ProviderRegistry.load(getClass().getClassLoader());
        assertThat(r.store("memory")).isInstanceOf(InMemorySnapshotStoreProvider.class);
        assertThat(r.notifier("log")).isInstanceOf(LoggingNotifierProvider.class);
        assertThat(r.monitor("scripted")).isInstanceOf(ScriptedMonitorProvider.class);
        assertThat(r.describe()).anySatisfy(line -> assertThat(line).startsWith("store memory " + InMemorySnapshotStoreProvider.class.getName()));
    }

    @Test
    void anUnknownTypeListsTheTypesFoundAndTheArtifactToAdd() {
        ProviderRegistry r = ProviderRegistry.load(getClass().getClassLoader());
        assertThatThrownBy(() -> r.monitor("github")).isInstanceOf(ProviderException.class)
                .hasMessage("unknown monitor type 'github' (types found: scripted); type 'github' comes with "
                        + "dev.mfawatch:mfa-monitor-github, add it to the class path");
        assertThatThrownBy(() -> r.store("redis")).hasMessage("unknown store type 'redis' (types found: memory)");
        assertThatThrownBy(() -> ProviderRegistry.of(List.of(), List.of(), List.of()).notifier("slack"))
                .hasMessageStartingWith("unknown notifier type 'slack' (types found: none)");
    }

    @Test
    void twoProvidersClaimingOneTypeAreNamedBoth() {
        assertThatThrownBy(() -> ProviderRegistry.of(List.of(new Typed("dup"), new ScriptedMonitorProvider(), new Typed("dup")),
                List.of(), List.of())).isInstanceOf(ProviderException.class)
                .hasMessage("two monitor providers claim the type 'dup': " + Typed.class.getName() + " and "
                        + Typed.class.getName() + "; remove one of their jars");
    }

    @Test
    void malformedTypesAreRefused() {
        for (String bad : new String[] {"", "GitHub", "1aws", "with space", "a".repeat(64)}) {
            assertThatThrownBy(() -> ProviderRegistry.of(List.of(new Typed(bad)), List.of(), List.of()))
                    .isInstanceOf(ProviderException.class).hasMessageContaining("does not match [a-z][a-z0-9-]*");
        }
    }

    @Test
    void aBrokenServiceDeclarationFailsLoudly(@TempDir Path dir) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(MonitorProvider.class.getName()), "com.example.NoSuchProvider\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> ProviderRegistry.load(loader)).isInstanceOf(ProviderException.class)
                    .hasMessageContaining("a jar declares a dev.mfawatch.spi.MonitorProvider that cannot be loaded")
                    .hasMessageContaining("com.example.NoSuchProvider")
                    .hasCauseInstanceOf(java.util.ServiceConfigurationError.class);
        }
    }
}
