package dev.mfawatch.core;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * mfa-core's packages are layered one way: model, then spi, then core, then core.internal; each may
 * use the ones before it and none after it. An implementer therefore needs only model and spi.
 */
class LayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.mfawatch");

    @Test
    void theImportSawEveryLayer() {
        assertThat(MAIN.stream().map(c -> c.getPackageName()).distinct())
                .contains("dev.mfawatch.model", "dev.mfawatch.spi", "dev.mfawatch.core", "dev.mfawatch.core.internal");
    }

    @Test
    void layersAreUsedOneWayOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("model").definedBy("dev.mfawatch.model")
                .layer("spi").definedBy("dev.mfawatch.spi")
                .layer("core").definedBy("dev.mfawatch.core")
                .layer("internal").definedBy("dev.mfawatch.core.internal")
                .whereLayer("internal").mayNotBeAccessedByAnyLayer()
                .whereLayer("core").mayOnlyBeAccessedByLayers("internal")
                .whereLayer("spi").mayOnlyBeAccessedByLayers("core", "internal")
                .whereLayer("model").mayOnlyBeAccessedByLayers("spi", "core", "internal")
                .check(MAIN);
    }

    @Test
    void noPackagesImportEachOtherInCircles() {
        slices().matching("dev.mfawatch.(**)").should().beFreeOfCycles().check(MAIN);
    }
}
