package dev.keepalivelab.portability;

import dev.keepalivelab.support.CapturedLog;
import dev.keepalivelab.support.EmbeddedTomcat;
import dev.keepalivelab.support.InitParamEdit;
import dev.keepalivelab.support.LabWar;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import org.apache.catalina.Wrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import static dev.keepalivelab.support.TestLab.CLOSE_WAIT;
import static dev.keepalivelab.support.LabWar.CONTEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The WAR on an embedded Tomcat 11 with its own servlet API (see the failsafe executions in pom.xml). Without
 * edits Tomcat gets the WAR file; with edits, an unpacked copy whose WEB-INF/web.xml is edited, as docs/deploying-the-war.md
 * tells a Tomcat operator.
 */
class TomcatIT extends PortableWarContract {
    /** Tomcat's INFO lines would drown the build log; warnings and errors still show. */
    static final Logger TOMCAT_LOGGER = Logger.getLogger("org.apache");
    static final String LOAD_FAILED = "SEVERE: Servlet [keepalive-lab] in web application [/keepalive-lab] threw load() exception\n"
            + "    jakarta.servlet.ServletException: " + LabWar.TYPO_MESSAGE + "\n";
    static final List<InitParamEdit> TYPO = List.of(InitParamEdit.rename("connection", "conection"));

    static {
        TOMCAT_LOGGER.setLevel(Level.WARNING);
    }

    EmbeddedTomcat current;

    @Override
    Deployment deploy(List<InitParamEdit> edits) throws Exception {
        current = start(edits, false);
        return new Deployment(current.port(), current);
    }

    static EmbeddedTomcat start(List<InitParamEdit> edits, boolean failCtxIfServletStartFails) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "tomcat-");
        Path docBase = edits.isEmpty() ? LabWar.war() : LabWar.unpackWithEdits(dir.resolve("keepalive-lab"), edits);
        return EmbeddedTomcat.start(dir.resolve("base"), docBase, failCtxIfServletStartFails);
    }

    @Test
    void theServletThatRunsIsTheWars() throws Exception {
        deployed();
        Wrapper wrapper = (Wrapper) current.context().findChild("keepalive-lab");
        ClassLoader servletLoader = wrapper.getServlet().getClass().getClassLoader();
        assertSame(current.context().getLoader().getClassLoader(), servletLoader, "loaded from the WAR's WEB-INF/classes");
        assertNotSame(getClass().getClassLoader(), servletLoader);
    }

    /** Tomcat sends no reason phrase. */
    @Override
    String statusLine200() {
        return "HTTP/1.1 200 ";
    }

    /** Tomcat's connector closes the 100th request of a connection by itself (maxKeepAliveRequests), whatever the lab's policy. */
    @Test
    void tomcatClosesThe100thRequestItself() throws Exception {
        assertEquals(100, firstClosingResponse(150));
    }

    /** Tomcat's connector (keepAliveTimeout = connectionTimeout = 20 s, as in its stock server.xml) answers a client's keep-alive itself. */
    @ParameterizedTest
    @CsvSource(delimiterString = "|", useHeadersInDisplayName = true, textBlock = """
            path       | version  | client Connection | Connection lines       | Keep-Alive | kept
            /test1.jpg | HTTP/1.1 |                   | keep-alive             | timeout=5  | true
            /test1.jpg | HTTP/1.1 | keep-alive        | keep-alive, keep-alive | timeout=20 | true
            /test1.jpg | HTTP/1.0 | keep-alive        | keep-alive;keep-alive  | timeout=20 | true
            /test1.jpg | HTTP/1.0 |                   | close                  |            | false
            /test1.jpg | HTTP/1.1 | close             | close                  |            | false
            /          | HTTP/1.1 |                   |                        |            | true
            /          | HTTP/1.1 | keep-alive        | keep-alive             | timeout=20 | true
            /          | HTTP/1.0 | keep-alive        | keep-alive             | timeout=20 | true
            """)
    void connectionHeadersOnTomcat(String path, String version, String client, String lines, String keepAlive, boolean kept)
            throws Exception {
        assertConnectionHeaders(path, version, client, lines, keepAlive, kept);
    }

    /** Tomcat's default (failCtxIfServletStartFails=false): the context stays up and every request retries init and gets a 500. */
    @Test
    void byDefaultATypoLeavesTheContextUpAnsweringEveryRequestWith500() throws Exception {
        try (CapturedLog log = CapturedLog.of("org.apache.catalina"); EmbeddedTomcat tomcat = start(TYPO, false);
             RawConnection connection = RawConnection.open(tomcat.port())) {
            assertTrue(tomcat.context().getState().isAvailable(), tomcat.context().getState().toString());
            assertTrue(log.text().contains(LOAD_FAILED), log.text());
            RawResponse response = connection.get(CONTEXT + "/test1.jpg");
            assertEquals(500, response.status());
            assertTrue(response.bodyText().contains(LabWar.TYPO_MESSAGE.replace("'", "&#39;")), response.bodyText());
            assertEquals(Optional.of("close"), response.header("Connection"));
            assertTrue(connection.awaitServerClose(CLOSE_WAIT));
            assertTrue(log.text().contains("SEVERE: Allocate exception for servlet [keepalive-lab]\n"
                    + "    jakarta.servlet.ServletException: " + LabWar.TYPO_MESSAGE + "\n"), log.text());
        }
    }

    /** With failCtxIfServletStartFails (on the Context or the Host) a typo stops the deployment; Tomcat itself keeps running. */
    @Test
    void withFailCtxIfServletStartFailsATypoStopsTheDeployment() throws Exception {
        try (CapturedLog log = CapturedLog.of("org.apache.catalina"); EmbeddedTomcat tomcat = start(TYPO, true);
             RawConnection connection = RawConnection.open(tomcat.port())) {
            assertFalse(tomcat.context().getState().isAvailable(), tomcat.context().getState().toString());
            assertTrue(log.text().contains(LOAD_FAILED), log.text());
            assertTrue(log.text().contains("SEVERE: Context [/keepalive-lab] startup failed due to previous errors\n"), log.text());
            assertEquals(404, connection.get(CONTEXT + "/test1.jpg").status());
        }
    }
}
