package dev.mfawatch.spi.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import dev.mfawatch.core.ProviderRegistry;
import dev.mfawatch.spi.ExemptionLoader;
import dev.mfawatch.spi.MonitorProvider;
import dev.mfawatch.spi.NotifierProvider;
import dev.mfawatch.spi.SnapshotStoreProvider;
import dev.mfawatch.spi.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The kit every provider module runs: its {@code module-info} and its {@code META-INF/services}
 * files declare the same providers (so the module path and the class path find the same ones), each
 * provider class is public, final and has a public no-argument constructor, declares the current
 * SPI version, and {@link java.util.ServiceLoader} finds it by its type.
 */
public abstract class ProviderDeclarationContract {

    private final Class<?> anyClass;
    private final String moduleName;
    private final Map<String, Set<String>> types;

    /**
     * Describes the module under test.
     *
     * @param anyClassOfTheModule any class of the module: the kit reads the module's compiled
     *                            descriptor and service files from where it was loaded
     * @param moduleName          the module's name, e.g. {@code dev.mfawatch.notifier.slack}
     * @param types               the types it provides by kind ({@code monitor}, {@code notifier},
     *                            {@code store}); empty for a module of other services only
     */
    protected ProviderDeclarationContract(Class<?> anyClassOfTheModule, String moduleName, Map<String, Set<String>> types) {
        this.anyClass = anyClassOfTheModule;
        this.moduleName = moduleName;
        this.types = Map.copyOf(types);
    }

    private Class<?> anyClassOfTheModule() {
        return anyClass;
    }

    private String moduleName() {
        return moduleName;
    }

    private Map<String, Set<String>> types() {
        return types;
    }

    private ModuleDescriptor descriptor() throws Exception {
        Path location = Path.of(anyClassOfTheModule().getProtectionDomain().getCodeSource().getLocation().toURI());
        return ModuleFinder.of(location).findAll().iterator().next().descriptor();
    }

    /**
     * Whether the module exports no package: true for a provider module, whose classes are reached
     * only through {@link java.util.ServiceLoader}.
     *
     * @return {@code true} unless overridden
     */
    protected boolean exportsNothing() {
        return true;
    }

    @Test
    void theModuleHasItsNameAndExportsOnlyWhatItShould() throws Exception {
        assertThat(descriptor().name()).isEqualTo(moduleName());
        if (exportsNothing()) {
            assertThat(descriptor().exports()).isEmpty();
        }
    }

    @Test
    void theModuleUsesOnlyTheValueTypesAndTheSpiOfMfaWatch() throws Exception {
        if (moduleName().equals("dev.mfawatch.core")) {
            return;
        }
        URL own = anyClassOfTheModule().getProtectionDomain().getCodeSource().getLocation();
        JavaClasses classes = new ClassFileImporter().importLocations(Set.of(Location.of(own)));
        assertThat(classes).as("classes of " + own).isNotEmpty();
        ArchRuleDefinition.noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.mfawatch.core..")
                .because("a provider is written against dev.mfawatch.model and dev.mfawatch.spi only")
                .check(classes);
    }

    @Test
    void moduleInfoAndMetaInfServicesDeclareTheSameProviders() throws Exception {
        ModuleDescriptor d = descriptor();
        assertThat(d.provides()).as("module-info provides something").isNotEmpty();
        Map<String, Set<String>> fromModule = new TreeMap<>();
        d.provides().forEach(p -> fromModule.put(p.service(), new TreeSet<>(p.providers())));
        Map<String, Set<String>> fromServices = new TreeMap<>();
        for (String service : fromModule.keySet()) {
            fromServices.put(service, listed(service));
        }
        for (String service : List.of(MonitorProvider.class.getName(), NotifierProvider.class.getName(),
                SnapshotStoreProvider.class.getName(), ExemptionLoader.class.getName())) {
            Set<String> listed = listed(service);
            if (!listed.isEmpty()) {
                fromServices.put(service, listed);
            }
        }
        assertThat(fromServices).isEqualTo(fromModule);
    }

    @Test
    void everyProviderIsPublicFinalWithANoArgumentConstructorAndTheCurrentSpiVersion() throws Exception {
        for (ModuleDescriptor.Provides p : descriptor().provides()) {
            for (String name : p.providers()) {
                Class<?> c = Class.forName(name, false, anyClassOfTheModule().getClassLoader());
                assertThat(Modifier.isPublic(c.getModifiers()) && Modifier.isFinal(c.getModifiers())).as(name + " is public final").isTrue();
                Object provider = c.getConstructor().newInstance();
                if (provider instanceof MonitorProvider m) {
                    assertThat(m.spiVersion()).as(name).isEqualTo(SpiVersion.CURRENT);
                } else if (provider instanceof NotifierProvider n) {
                    assertThat(n.spiVersion()).as(name).isEqualTo(SpiVersion.CURRENT);
                } else if (provider instanceof SnapshotStoreProvider s) {
                    assertThat(s.spiVersion()).as(name).isEqualTo(SpiVersion.CURRENT);
                } else if (provider instanceof ExemptionLoader e) {
                    assertThat(e.spiVersion()).as(name).isEqualTo(SpiVersion.CURRENT);
                } else {
                    throw new AssertionError(name + " implements no mfa-watch SPI");
                }
            }
        }
    }

    @Test
    void serviceLoaderFindsEveryTypeFromThisModule() throws Exception {
        ProviderRegistry registry = ProviderRegistry.load(anyClassOfTheModule().getClassLoader());
        Set<String> declared = new TreeSet<>();
        descriptor().provides().forEach(p -> declared.addAll(p.providers()));
        List<String> found = new ArrayList<>();
        types().forEach((kind, names) -> names.forEach(type -> {
            Object provider = switch (kind) {
                case "monitor" -> registry.monitor(type);
                case "notifier" -> registry.notifier(type);
                case "store" -> registry.store(type);
                default -> throw new IllegalArgumentException("kind " + kind);
            };
            found.add(provider.getClass().getName());
        }));
        assertThat(declared).containsAll(found);
    }

    private Set<String> listed(String service) throws IOException {
        Set<String> out = new TreeSet<>();
        URL own = anyClassOfTheModule().getProtectionDomain().getCodeSource().getLocation();
        for (URL url : Collections.list(anyClassOfTheModule().getClassLoader().getResources("META-INF/services/" + service))) {
            if (!url.toString().startsWith(own.toString()) && !url.toString().startsWith("jar:" + own)) {
                continue;
            }
            try (InputStream in = url.openStream()) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(l -> l.replaceAll("#.*", "").strip())
                        .filter(l -> !l.isEmpty()).forEach(out::add);
            }
        }
        return out;
    }
}
