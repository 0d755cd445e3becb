package dev.mfawatch.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfawatch.core.internal.InMemorySnapshotStoreProvider;
import dev.mfawatch.core.internal.LoggingNotifierProvider;
import dev.mfawatch.model.ProviderException;
import dev.mfawatch.spi.Monitor;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.Settings;
import dev.mfawatch.spi.SpiVersion;
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
        private final String spiVersion;

        Typed(String type) {
            this(type, SpiVersion.CURRENT);
        }

        Typed(String type, String spiVersion) {
            this.type = type;
            this.spiVersion = spiVersion;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public String spiVersion() {
            return spiVersion;
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
    void aProviderBuiltForAnotherSpiIsRefusedNamingItsJarAndBothVersions() {
        assertThat(ProviderRegistry.of(List.of(new Typed("older-minor", "2.0")), List.of(), List.of()).monitor("older-minor"))
                .isNotNull();
        String where = Typed.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertThatThrownBy(() -> ProviderRegistry.of(List.of(new Typed("old", "1.0")), List.of(), List.of()))
                .isInstanceOf(ProviderException.class)
                .hasMessage("monitor provider " + Typed.class.getName() + " from " + where + " cannot be used: it was built for"
                        + " SPI 1.0 and this mfa-watch provides SPI 2.0 (major versions 1 and 2 differ); use a build of that"
                        + " provider for SPI 2.0");
        assertThatThrownBy(() -> ProviderRegistry.of(List.of(new Typed("newer", "2.7")), List.of(), List.of()))
                .hasMessageContaining("it was built for SPI 2.7, newer than the SPI 2.0 of this mfa-watch: upgrade mfa-watch");
        assertThatThrownBy(() -> ProviderRegistry.of(List.of(new Typed("odd", "two")), List.of(), List.of()))
                .hasMessageContaining("it declares the SPI version 'two', which is not MAJOR.MINOR");
    }

    @Test
    void aProviderCompiledBeforeProvidersDeclaredAVersionIsRefusedAsSpiOne(@TempDir Path dir) throws Exception {
        // Compile a provider against the 0.1 shape of MonitorProvider (no spiVersion()), then load it
        // against the real interface: calling spiVersion() on it fails as it would for an old jar.
        Path src = Files.createDirectories(dir.resolve("src/dev/mfawatch/spi"));
        Files.writeString(src.resolve("MonitorProvider.java"), "package dev.mfawatch.spi;\n"
                + "public interface MonitorProvider { String type(); Monitor create(Settings s); }\n");
        Path old = Files.createDirectories(dir.resolve("src/com/example"));
        Files.writeString(old.resolve("OldProvider.java"), "package com.example;\n"
                + "public final class OldProvider implements dev.mfawatch.spi.MonitorProvider {\n"
                + "  public String type() { return \"old\"; }\n"
                + "  public dev.mfawatch.spi.Monitor create(dev.mfawatch.spi.Settings s) { return null; }\n}\n");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int rc = java.util.spi.ToolProvider.findFirst("javac").orElseThrow().run(System.out, System.err, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), "-Xprefer:source", "-sourcepath", dir.resolve("src").toString(),
                old.resolve("OldProvider.java").toString());
        assertThat(rc).isZero();
        Files.delete(classes.resolve("dev/mfawatch/spi/MonitorProvider.class"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            MonitorProvider p = (MonitorProvider) loader.loadClass("com.example.OldProvider").getConstructor().newInstance();
            assertThatThrownBy(() -> ProviderRegistry.of(List.of(p), List.of(), List.of())).isInstanceOf(ProviderException.class)
                    .hasMessageStartingWith("monitor provider com.example.OldProvider from " + classes.toUri().toURL())
                    .hasMessageContaining("it was built for SPI 1.0 and this mfa-watch provides SPI 2.0");
        }
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
