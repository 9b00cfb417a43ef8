package dev.keepalivelab.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A test in another project imports the lab's API (testing, junit) by simple name: no other public type of the library
 * may have the name of an API type, or the IDE offers the wrong one.
 */
class ApiNamesTest {
    private static final Set<String> API = Set.of("dev.keepalivelab.testing", "dev.keepalivelab.junit");

    @Test
    void noPublicTypeOfTheLibraryHasTheSimpleNameOfAnApiType() {
        List<JavaClass> publicTypes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.keepalivelab").stream()
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC) && !c.isAnonymousClass()).toList();
        Set<String> apiNames = publicTypes.stream().filter(c -> c.isTopLevelClass() && API.contains(c.getPackageName()))
                .map(JavaClass::getSimpleName).collect(Collectors.toSet());
        Map<String, List<String>> clashes = new TreeMap<>(publicTypes.stream()
                .filter(c -> !API.contains(c.getPackageName()) && apiNames.contains(c.getSimpleName()))
                .collect(Collectors.groupingBy(JavaClass::getSimpleName, Collectors.mapping(JavaClass::getName, Collectors.toList()))));
        assertEquals(Map.of(), clashes, "public types outside the API named as an API type");
    }
}
