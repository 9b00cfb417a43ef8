package dev.keepalivelab.testing;

import dev.keepalivelab.servlet.KeepAliveLabServlet;
import dev.keepalivelab.support.RawConnection;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LabClient against the lab deployed as a WAR is, the servlet under a context path in a plain Jetty (no socket control,
 * as in a foreign container): every control route and the record are reached under the base URL's path.
 */
class LabClientContextPathTest {
    private static final String CONTEXT = "/keepalive-lab";
    private static Server container;
    private static int port;

    @BeforeAll
    static void deploy() throws Exception {
        container = new Server();
        ServerConnector connector = new ServerConnector(container);
        connector.setHost("127.0.0.1");
        container.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(CONTEXT);
        ServletHolder lab = new ServletHolder("keepalive-lab", KeepAliveLabServlet.class);
        lab.setAsyncSupported(true);
        lab.setInitOrder(1);
        context.addServlet(lab, "/");
        container.setHandler(context);
        container.start();
        port = connector.getLocalPort();
    }

    @AfterAll
    static void undeploy() throws Exception {
        container.stop();
    }

    @Test
    void aClientOfTheContextPathArmsReadsDisarmsAndClearsThere() throws Exception {
        LabClient client = LabClient.of(URI.create("http://127.0.0.1:" + port + CONTEXT));
        assertEquals(URI.create("http://127.0.0.1:" + port + CONTEXT + "/"), client.baseUrl(), "the base keeps its path, as a directory");

        FaultStatus armed = client.arm(FaultSpec.of("delay=10ms").requests(1).client("context-test"));
        assertEquals(List.of(armed), client.armedFaults());
        String label;
        try (RawConnection raw = RawConnection.open(port)) {
            label = raw.get(CONTEXT + "/test1.jpg?client=context-test").header("X-Connection-Label").orElseThrow();
        }
        assertEquals(1, client.armedFault(armed.id()).applied());
        LabRecord record = client.record();
        assertEquals(Optional.of("delay=10ms"), record.requestsBy("context-test").get(0).fault());
        assertEquals(Optional.empty(), record.connection(label).orElseThrow().closed(), "a container does not say when a connection ends");
        AssertionError unknown = assertThrows(AssertionError.class, () -> client.awaitClosed(label, Duration.ofMillis(50)));
        assertTrue(unknown.getMessage().endsWith("(closed unknown: a servlet container does not tell the lab when a connection ends)"),
                unknown.getMessage());

        client.disarmAll();
        assertEquals(List.of(), client.armedFaults());
        client.clearRecord();
        assertEquals(List.of(), client.record().requestsBy("context-test"));
    }

    @Test
    void aBaseWithATrailingSlashIsTheSameBase() {
        URI base = URI.create("http://127.0.0.1:" + port + CONTEXT + "/");
        assertEquals(base, LabClient.of(base).baseUrl());
        assertEquals(List.of(), LabClient.of(base).armedFaults());
    }

    @Test
    void aBaseWithAQueryOrFragmentIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> LabClient.of(URI.create("http://lab:8080/keepalive-lab?x=1")));
        assertEquals("Invalid lab URL 'http://lab:8080/keepalive-lab?x=1': allowed is an http or https URL such as"
                + " http://127.0.0.1:8080/ or, for a WAR, http://host:8080/keepalive-lab/, with no query or fragment", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabClient.of(URI.create("http://lab:8080/#top")));
    }
}
