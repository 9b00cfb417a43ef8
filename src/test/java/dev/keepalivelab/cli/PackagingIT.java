package dev.keepalivelab.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The WAR holds what a container needs and nothing the container provides; the runnable jar holds everything; the
 * library, the main artifact other projects depend on, holds the project's classes only and its POM declares the rest.
 */
class PackagingIT {
    static final Path WAR = Path.of("target/keepalive-lab.war");
    static final Path JAR = Path.of("target/keepalive-lab.jar");
    static final Path LIBRARY = Path.of("target/library/keepalive-lab.jar");
    /** The runnable jar's logging configuration, which only the shade step adds. */
    static final Path RUNNABLE_LOGGING = Path.of("src/runnable/resources/simplelogger.properties");
    static final String LIBRARY_POM = "META-INF/maven/dev.keepalivelab/keepalive-lab/pom.xml";

    @Test
    void warHasTheServletDescriptorAndResourcesAndOnlyTheControlApisJsonLibrary() throws IOException {
        try (ZipFile war = new ZipFile(WAR.toFile())) {
            for (String needed : List.of("WEB-INF/web.xml",
                    "WEB-INF/classes/dev/keepalivelab/servlet/KeepAliveLabServlet.class",
                    "WEB-INF/classes/dev/keepalivelab/settings/Setting.class",
                    "WEB-INF/classes/dev/keepalivelab/fault/Faults.class",
                    "WEB-INF/classes/dev/keepalivelab/lab/control/ControlApi.class",
                    "WEB-INF/classes/dev/keepalivelab/picture.jpg",
                    "WEB-INF/classes/dev/keepalivelab/demo-page.html")) {
                assertNotNull(war.getEntry(needed), needed + " missing from the WAR");
            }
            List<String> unwanted = war.stream().map(ZipEntry::getName)
                    .filter(name -> name.contains("/keepalivelab/cli/") || name.contains("/keepalivelab/options/")
                            || name.contains("/keepalivelab/server/") || name.contains("/bench/") || name.contains("/aot/")
                            || name.startsWith("jakarta/")
                            || name.startsWith("org/")
                            || name.endsWith("simplelogger.properties"))
                    .toList();
            assertEquals(List.of(), unwanted, "the container provides these, or only the embedded main, bench and the build use them");
            List<String> libraries = war.stream().map(ZipEntry::getName).filter(name -> name.startsWith("WEB-INF/lib/") && !name.endsWith("/"))
                    .map(name -> name.replaceAll("-[0-9][^/]*\\.jar$", "")).sorted().toList();
            assertEquals(List.of("WEB-INF/lib/jackson-core", "WEB-INF/lib/jackson-jr-objects"), libraries,
                    "the control API reads its JSON with jackson-jr; the container provides the rest");
        }
    }

    @Test
    void jarIsExecutableAndSelfContained() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertEquals(Main.class.getName(), jar.getManifest().getMainAttributes().getValue("Main-Class"));
            for (String needed : List.of("jakarta/servlet/http/HttpServlet.class", "org/eclipse/jetty/server/Server.class",
                    "org/eclipse/jetty/ee10/servlet/ServletContextHandler.class", "picocli/CommandLine.class",
                    "org/eclipse/jetty/client/HttpClient.class", "org/jsoup/Jsoup.class",
                    "dev/keepalivelab/bench/BenchCommand.class",
                    "dev/keepalivelab/servlet/KeepAliveLabServlet.class", "dev/keepalivelab/picture.jpg",
                    "dev/keepalivelab/lab/control/ControlApi.class", "com/fasterxml/jackson/jr/ob/JSON.class",
                    "com/fasterxml/jackson/core/JsonFactory.class")) {
                assertNotNull(jar.getEntry(needed), needed + " missing from the jar");
            }
            assertTrue(jar.getEntry("META-INF/services/org.eclipse.jetty.http.HttpFieldPreEncoder") != null,
                    "Jetty's service files must survive shading");
            assertNotNull(jar.getEntry("org/slf4j/simple/SimpleLogger.class"), "the runnable jar logs through slf4j-simple");
            assertEquals(Files.readString(RUNNABLE_LOGGING), new String(jar.getInputStream(jar.getEntry("simplelogger.properties"))
                    .readAllBytes(), StandardCharsets.UTF_8), "the runnable jar logs as configured");
        }
    }

    @Test
    void libraryIsTheProjectsOwnClassesAndItsPomDeclaresTheRest() throws IOException {
        try (JarFile jar = new JarFile(LIBRARY.toFile())) {
            for (String needed : List.of("dev/keepalivelab/testing/KeepAliveLabServer.class",
                    "dev/keepalivelab/junit/KeepAliveLabExtension.class", "dev/keepalivelab/server/LabServer.class",
                    "dev/keepalivelab/picture.jpg", LIBRARY_POM)) {
                assertNotNull(jar.getEntry(needed), needed + " missing from the library");
            }
            List<String> shaded = jar.stream().map(ZipEntry::getName)
                    .filter(name -> name.endsWith(".class") && !name.startsWith("dev/keepalivelab/")).limit(5).toList();
            assertEquals(List.of(), shaded, "the library carries no dependency's classes: its POM declares them");
            assertEquals(null, jar.getManifest().getMainAttributes().getValue("Main-Class"), "the library is not the runnable jar");
            List<String> logging = jar.stream().map(ZipEntry::getName).filter(name -> name.endsWith("simplelogger.properties")).toList();
            assertEquals(List.of(), logging, "the library leaves its user's slf4j-simple configuration alone");

            String pom = new String(jar.getInputStream(jar.getEntry(LIBRARY_POM)).readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll("\\s+", "");
            assertFalse(Files.exists(Path.of("dependency-reduced-pom.xml")),
                    "the shade plugin made a dependency-reduced POM, which it installs in place of the POM and which declares nothing");
            for (String declared : List.of("<artifactId>jetty-server</artifactId>", "<artifactId>jetty-ee10-servlet</artifactId>",
                    "<artifactId>jackson-jr-objects</artifactId>",
                    "<artifactId>slf4j-simple</artifactId><version>2.0.17</version><optional>true</optional>",
                    "<artifactId>junit-jupiter-api</artifactId><scope>provided</scope>")) {
                assertTrue(pom.contains(declared), "the library's POM declares " + declared);
            }
        }
    }
}
