package dev.keepalivelab.junit;

import dev.keepalivelab.options.LabVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps examples/junit5, a project of its own that CI builds against the installed artifact, in step with this build:
 * its sources compile against the API as it is now, and it depends on this version.
 */
class ExampleProjectTest {
    private static final Path EXAMPLE = Path.of("examples/junit5");

    @Test
    void theExampleCompilesAgainstTheCurrentApi(@TempDir Path classes) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(EXAMPLE.resolve("src"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertTrue(!sources.isEmpty(), "the example has sources");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-d", classes.toString(),
                    "-classpath", System.getProperty("java.class.path"));
            boolean compiled = compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            assertTrue(compiled, () -> "examples/junit5 no longer compiles against the API:\n" + diagnostics.getDiagnostics());
        }
    }

    @Test
    void theExampleDependsOnThisVersion() throws IOException {
        Matcher version = Pattern.compile("<keepalive-lab.version>([^<]+)</keepalive-lab.version>")
                .matcher(Files.readString(EXAMPLE.resolve("pom.xml")));
        assertTrue(version.find(), "examples/junit5/pom.xml names the lab's version in keepalive-lab.version");
        assertEquals(LabVersion.get(), version.group(1), "examples/junit5/pom.xml depends on this build's version");
    }
}
