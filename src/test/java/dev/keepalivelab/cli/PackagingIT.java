package dev.keepalivelab.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The WAR holds what a container needs and nothing the container provides; the jar holds everything. */
class PackagingIT {
    static final Path WAR = Path.of("target/keepalive-lab.war");
    static final Path JAR = Path.of("target/keepalive-lab.jar");

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
        }
    }
}
