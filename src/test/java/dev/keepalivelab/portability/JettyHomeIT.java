package dev.keepalivelab.portability;

import dev.keepalivelab.support.InitParamEdit;
import dev.keepalivelab.support.JettyHomeBase;
import dev.keepalivelab.support.JettyProcess;
import dev.keepalivelab.support.LabWar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The WAR on a standalone jetty-home 12.1 (a child process) whose JETTY_BASE holds only jetty-config/'s files;
 * init-params are changed the operator's way, in the base's webapps/keepalive-lab.d/override-web.xml.
 */
class JettyHomeIT extends PortableWarContract {
    JettyHomeBase base;

    @BeforeAll
    void createBase() throws Exception {
        base = JettyHomeBase.create(Files.createTempDirectory(Path.of("target"), "jetty-base-"));
    }

    @Override
    Deployment deploy(List<InitParamEdit> edits) throws Exception {
        base.editInitParams(edits);
        JettyProcess jetty = base.start();
        try {
            return new Deployment(jetty.awaitStarted(), jetty);
        } catch (Throwable e) {
            jetty.close();
            throw e;
        }
    }

    @Override
    String statusLine200() {
        return "HTTP/1.1 200 OK";
    }

    @Test
    void jettyHasNoRequestLimitOfItsOwn() throws Exception {
        assertEquals(0, firstClosingResponse(150));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "|", useHeadersInDisplayName = true, textBlock = """
            path       | version  | client Connection | Connection lines | Keep-Alive | kept
            /test1.jpg | HTTP/1.1 |                   |                  | timeout=5  | true
            /test1.jpg | HTTP/1.1 | keep-alive        |                  | timeout=5  | true
            /test1.jpg | HTTP/1.0 | keep-alive        | keep-alive       | timeout=5  | true
            /test1.jpg | HTTP/1.0 |                   | close            |            | false
            /test1.jpg | HTTP/1.1 | close             | close            |            | false
            /          | HTTP/1.1 |                   |                  |            | true
            /          | HTTP/1.1 | keep-alive        |                  |            | true
            /          | HTTP/1.0 | keep-alive        | keep-alive       |            | true
            """)
    void connectionHeadersOnJetty(String path, String version, String client, String lines, String keepAlive, boolean kept)
            throws Exception {
        assertConnectionHeaders(path, version, client, lines, keepAlive, kept);
    }

    @Test
    void aTypoInAnInitParamStopsJettyWithTheLabsMessage() throws Exception {
        undeploy();
        base.editInitParams(List.of(InitParamEdit.rename("connection", "conection")));
        try (JettyProcess jetty = base.start()) {
            int status = jetty.awaitExit();
            String log = jetty.log();
            assertEquals(254, status, log);
            assertTrue(log.contains("jakarta.servlet.ServletException: " + LabWar.TYPO_MESSAGE), log);
            assertTrue(log.contains("Failed startup of context oeje10w.WebAppContext@"), log);
            assertFalse(log.contains("Started oejs.ServerConnector"), "the connector never opened:\n" + log);
        }
    }
}
