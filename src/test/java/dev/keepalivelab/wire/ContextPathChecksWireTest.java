package dev.keepalivelab.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keepalivelab.servlet.KeepAliveLabServlet;
import dev.keepalivelab.support.LabWar;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.wire.ScriptedCheckClient.Ending;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The servlet deployed under a context path, as the WAR is ({@link LabWar#CONTEXT}), in-process: every path a check
 * hands out (Location, the page's script data, the card's links) carries the context path, so a chain ends at its card.
 */
class ContextPathChecksWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTEXT = LabWar.CONTEXT;
    private static Server server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(CONTEXT);
        ServletHolder holder = new ServletHolder(KeepAliveLabServlet.class);
        holder.setAsyncSupported(true);
        holder.setInitOrder(1);
        context.addServlet(holder, "/");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void aChainUnderTheContextPathEndsAtItsCard() throws Exception {
        Ending ending = ScriptedCheckClient.CORRECT.run(port, "GET", CONTEXT + "/check?checks=reuse,close-honoured", "");
        assertEquals(200, ending.last().status(), ending.last().toString());
        JsonNode card = JSON.readTree(ending.last().body());
        assertEquals(ending.run(), card.get("run").asText(), "the chain's last response is the run's card");
        assertEquals(CONTEXT + "/check/" + ending.run(), card.get("card").asText());
        assertEquals("pass", card.get("checks").get(0).get("verdict").asText(), card.toPrettyString());
    }

    @Test
    void thePageAndTheHtmlCardLinkUnderTheContextPath() throws Exception {
        try (RawConnection connection = RawConnection.open(port)) {
            RawResponse page = connection.get(CONTEXT + "/check?checks=reuse,idle-timeout", "Accept: text/html");
            assertEquals(200, page.status(), page.toString());
            String body = page.bodyText();
            assertTrue(body.contains("data-next=\"" + CONTEXT + "/check/"), body);
            assertTrue(body.contains("&quot;path&quot;:&quot;" + CONTEXT + "/check/"), body);
            assertTrue(!body.matches("(?s).*href=\"/check.*"), body);
            String run = body.replaceAll("(?s).*data-next=\"" + CONTEXT + "/check/([^/\"]+)/.*", "$1");
            RawResponse card = connection.get(CONTEXT + "/check/" + run, "Accept: text/html");
            assertTrue(card.bodyText().contains("href=\"" + CONTEXT + "/check/" + run + "\"")
                    && card.bodyText().contains("href=\"" + CONTEXT + "/checks\"")
                    && card.bodyText().contains("href=\"" + CONTEXT + "/connections\""), card.bodyText());
        }
    }
}
