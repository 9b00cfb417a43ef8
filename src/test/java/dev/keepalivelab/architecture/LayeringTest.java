package dev.keepalivelab.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages of src/main depend one way, from the command line down to the settings (docs/architecture.md): a
 * package may use only the packages below it, and no two packages use each other.
 */
class LayeringTest {
    /** Top to bottom; each layer may use only the layers after it. */
    private static final List<Layer> TOP_DOWN = List.of(
            new Layer("command line", "dev.keepalivelab.cli.."),
            new Layer("check command", "dev.keepalivelab.checkcmd.."),
            new Layer("bench", "dev.keepalivelab.bench.."),
            new Layer("option tables", "dev.keepalivelab.options.."),
            new Layer("junit extension", "dev.keepalivelab.junit.."),
            new Layer("testing API", "dev.keepalivelab.testing.."),
            new Layer("server", "dev.keepalivelab.server"),
            new Layer("socket", "dev.keepalivelab.server.socket.."),
            new Layer("servlet", "dev.keepalivelab.servlet.."),
            new Layer("lab", "dev.keepalivelab.lab"),
            new Layer("checks", "dev.keepalivelab.lab.check.."),
            new Layer("page", "dev.keepalivelab.lab.page.."),
            new Layer("control", "dev.keepalivelab.lab.control.."),
            new Layer("record", "dev.keepalivelab.lab.record.."),
            new Layer("connection", "dev.keepalivelab.lab.connection.."),
            new Layer("protocol", "dev.keepalivelab.lab.protocol.."),
            new Layer("settings", "dev.keepalivelab.settings.."),
            new Layer("faults", "dev.keepalivelab.fault.."),
            new Layer("text", "dev.keepalivelab.text.."));

    private static final String APART = "dev.keepalivelab.aot..";

    private record Layer(String name, String packages) {
    }

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.keepalivelab");
    }

    @Test
    void everyPackageUsesOnlyThePackagesBelowIt() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (Layer layer : TOP_DOWN) {
            layers = layers.layer(layer.name()).definedBy(layer.packages());
        }
        layers = layers.whereLayer(TOP_DOWN.get(0).name()).mayNotBeAccessedByAnyLayer();
        for (int i = 1; i < TOP_DOWN.size(); i++) {
            String[] above = TOP_DOWN.subList(0, i).stream().map(Layer::name).toArray(String[]::new);
            layers = layers.whereLayer(TOP_DOWN.get(i).name()).mayOnlyBeAccessedByLayers(above);
        }
        layers.check(main);
    }

    /** A new package takes its place in {@link #TOP_DOWN}; the AOT cache's training run stays apart from the rest. */
    @Test
    void everyPackageIsALayerOrApart() {
        String[] layers = TOP_DOWN.stream().map(Layer::packages).toArray(String[]::new);
        classes().should().resideInAnyPackage(layers).orShould().resideInAPackage(APART).check(main);
        noClasses().that().resideOutsideOfPackage(APART).should().dependOnClassesThat().resideInAPackage(APART).check(main);
    }

    @Test
    void noTwoPackagesUseEachOther() {
        slices().matching("dev.keepalivelab.(**)").should().beFreeOfCycles().check(main);
    }
}
