package dev.keepalivelab.servlet;

import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built WAR deployed into Jetty's ee10 WebAppContext under a non-root context path, as a container would. */
class WarDeploymentIT {
    static final Path WAR = Path.of("target/keepalive-lab.war");
    static final String CONTEXT = "/keepalive-lab";

    Server server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    int deploy(Path overrideDescriptor) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        WebAppContext webapp = new WebAppContext(WAR.toAbsolutePath().toString(), CONTEXT);
        webapp.setThrowUnavailableOnStartupException(true);
        if (overrideDescriptor != null) {
            webapp.addOverrideDescriptor(overrideDescriptor.toString());
        }
        server.setHandler(webapp);
        server.start();
        return connector.getLocalPort();
    }

    @Test
    void pageAndImagesLoadUnderTheContextPathAndConnectionsAreKept() throws Exception {
        int port = deploy(null);
        try (RawConnection connection = RawConnection.open(port)) {
            RawResponse page = connection.get(CONTEXT + "/");
            assertEquals(200, page.status());
            assertTrue(page.bodyText().contains("<img src=\"test1.jpg?load="), "relative image URLs resolve under the context path");
            RawResponse image = connection.get(CONTEXT + "/test116.jpg");
            assertEquals(200, image.status(), "second response on the same socket");
            assertEquals(Optional.of("image/jpeg"), image.header("Content-Type"));
            assertEquals(404, connection.get(CONTEXT + "/WEB-INF/web.xml").status());
            assertEquals(404, connection.get("/test1.jpg").status(), "nothing outside the context");
        }
    }

    @Test
    void overriddenInitParamsApplyWithoutRebuilding(@TempDir Path dir) throws Exception {
        int port = deploy(override(dir, "connection", "close"));
        try (RawConnection connection = RawConnection.open(port)) {
            assertEquals(Optional.of("close"), connection.get(CONTEXT + "/test1.jpg").header("Connection"));
            assertTrue(connection.awaitServerClose(Duration.ofSeconds(5)));
        }
    }

    @Test
    void aTypoInAnInitParamStopsTheDeploymentWithTheLabsMessage(@TempDir Path dir) throws Exception {
        Path typo = override(dir, "conection", "close");
        Exception e = assertThrows(Exception.class, () -> deploy(typo));
        String messages = causes(e);
        assertTrue(messages.contains("keepalive-lab not started: Unknown init-param 'conection'"), messages);
    }

    static Path override(Path dir, String name, String value) throws Exception {
        Path file = dir.resolve("override-web.xml");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <servlet>
                    <servlet-name>keepalive-lab</servlet-name>
                    <init-param><param-name>%s</param-name><param-value>%s</param-value></init-param>
                  </servlet>
                </web-app>
                """.formatted(name, value));
        return file;
    }

    static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
            for (Throwable s : t.getSuppressed()) {
                all.append(causes(s));
            }
        }
        return all.toString();
    }
}
