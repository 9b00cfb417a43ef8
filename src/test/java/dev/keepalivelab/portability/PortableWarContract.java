package dev.keepalivelab.portability;

import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.InitParamEdit;
import dev.keepalivelab.support.LabWar;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.ControlCall;
import dev.keepalivelab.support.RawResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static dev.keepalivelab.support.TestLab.CLOSE_WAIT;
import static dev.keepalivelab.support.LabWar.CONTEXT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the shipped WAR does in every container, on the wire. Each container's IT deploys it; one deployment
 * serves every test that wants the same init-params, and the container restarts only to change them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PortableWarContract {

    /** A running deployment: its HTTP port and how to stop it. */
    record Deployment(int port, AutoCloseable container) {
    }

    private List<InitParamEdit> runningEdits;
    private Deployment running;

    /** Deploys {@code target/keepalive-lab.war} under {@link LabWar#CONTEXT} with these edits to its init-params. */
    abstract Deployment deploy(List<InitParamEdit> edits) throws Exception;

    /** The port of a deployment with exactly these edits, restarting the container only when they change. */
    final int deployed(InitParamEdit... edits) throws Exception {
        List<InitParamEdit> wanted = List.of(edits);
        if (running == null || !wanted.equals(runningEdits)) {
            undeploy();
            running = deploy(wanted);
            runningEdits = wanted;
        }
        return running.port();
    }

    @AfterAll
    final void undeploy() throws Exception {
        if (running != null) {
            Deployment stopping = running;
            running = null;
            stopping.container().close();
        }
    }

    @Test
    void pageAndImageLoadUnderTheContextPath() throws Exception {
        try (RawConnection connection = RawConnection.open(deployed())) {
            RawResponse page = connection.get(CONTEXT + "/");
            assertEquals(200, page.status(), page.toString());
            assertTrue(page.header("Content-Type").orElse("").startsWith("text/html"), page.toString());
            assertTrue(page.bodyText().contains("<img src=\"test1.jpg?load="), "relative image URLs resolve under the context path");
            RawResponse image = connection.get(CONTEXT + "/test1.jpg");
            assertEquals(200, image.status(), image.toString());
            assertEquals(Optional.of("image/jpeg"), image.header("Content-Type"));
            assertArrayEquals(LabWar.picture(), image.body(), "the image's bytes are picture.jpg's");
        }
    }

    @Test
    void nothingIsServedOutsideTheContextPath() throws Exception {
        try (RawConnection connection = RawConnection.open(deployed())) {
            assertEquals(404, connection.get("/test1.jpg").status());
        }
    }

    @Test
    void keptAliveConnectionsCarryTheNextRequests() throws Exception {
        try (RawConnection connection = RawConnection.open(deployed())) {
            for (String path : List.of("/", "/test1.jpg", "/test116.jpg")) {
                RawResponse response = connection.get(CONTEXT + path);
                assertEquals(200, response.status(), path + " on the same socket");
                assertFalse(response.announcesClose(), path + ": " + response);
            }
        }
    }

    /**
     * A container never tells the servlet whether a connection is still open: the record says so ({@code closed: null})
     * rather than claim {@code false}, and keeps what the lab itself closed as closed.
     */
    @Test
    void theRecordOfAForeignContainerClaimsNoOpenConnection() throws Exception {
        int port = deployed(InitParamEdit.set("maxRequestsPerConnection", "2"));
        String kept;
        String closed;
        try (RawConnection first = RawConnection.open(port); RawConnection second = RawConnection.open(port)) {
            kept = first.get(CONTEXT + "/test1.jpg").header("X-Connection-Label").orElseThrow();
            second.get(CONTEXT + "/test1.jpg");
            closed = second.get(CONTEXT + "/test1.jpg").header("X-Connection-Label").orElseThrow();
            assertTrue(second.awaitServerClose(CLOSE_WAIT));
        }
        Connections record;
        try (RawConnection check = RawConnection.open(port)) {
            record = Connections.parse(check.get(CONTEXT + "/connections").body());
        }
        for (Connections.Connection connection : record.connections()) {
            if (connection.label().equals(kept)) {
                assertNull(connection.closed(), "unknown, not false: " + connection);
            } else if (connection.label().equals(closed)) {
                assertEquals(Boolean.TRUE, connection.closed(), connection.toString());
                assertEquals("max-requests", connection.closeReason());
            }
        }
    }

    @ParameterizedTest(name = "{0}={1}: request {3} to {2} closes the connection")
    @CsvSource({
            "connection,               close, /test1.jpg, 1",
            "maxRequestsPerConnection, 3,     /test1.jpg, 3",
            "maxRequestsPerConnection, 3,     /,          3"})
    void theNthResponseClosesTheConnection(String param, String value, String path, int n) throws Exception {
        try (RawConnection connection = RawConnection.open(deployed(InitParamEdit.set(param, value)))) {
            for (int i = 1; i < n; i++) {
                RawResponse kept = connection.get(CONTEXT + path);
                assertEquals(200, kept.status());
                assertFalse(kept.announcesClose(), "response " + i + ": " + kept);
            }
            RawResponse last = connection.get(CONTEXT + path);
            assertEquals(200, last.status());
            assertEquals(Optional.of("close"), last.header("Connection"), last.toString());
            assertTrue(connection.awaitServerClose(CLOSE_WAIT), "response " + n + " must be followed by EOF");
        }
    }

    /** The status line of a 200 response, the same for HTTP/1.1 and HTTP/1.0 requests. */
    abstract String statusLine200();

    /** Through the Servlet API a container makes delay and drip, and the lab refuses the faults that need the socket. */
    /**
     * The control API works in the container too: a delay armed for one request, and a socket fault refused as ?fault=
     * is. Each call on a connection of its own: Tomcat closes the connection after any 400.
     */
    @Test
    void theControlApiArmsWhatTheServletApiCanMake() throws Exception {
        int port = deployed();
        RawResponse refused = control(port, "POST", "/control/faults", "{\"fault\": \"reset\"}");
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(ControlCall.json(refused).get("error").asText().startsWith("Fault reset needs a server that controls its sockets"),
                refused.bodyText());
        RawResponse armed = control(port, "POST", "/control/faults",
                "{\"fault\": \"delay=200ms\", \"requests\": 1, \"client\": \"war-control\"}");
        assertEquals(201, armed.status(), armed.toString());
        String id = ControlCall.json(armed).get("id").asText();
        assertEquals(Optional.of(CONTEXT + "/control/faults/" + id), armed.header("Location"), "the context path included");
        try (RawConnection connection = RawConnection.open(port)) {
            long start = System.nanoTime();
            assertEquals(200, connection.get(CONTEXT + "/test1.jpg?client=war-control").status());
            assertTrue(System.nanoTime() - start >= 200_000_000L, "delayed");
        }
        assertEquals(1, ControlCall.json(control(port, "GET", "/control/faults/" + id, null)).get("applied").asInt());
        assertEquals(204, control(port, "DELETE", "/control/faults/" + id, null).status());
    }

    /** A chain of checks under the context path ends at its card: every Location the lab hands out carries the context path. */
    @Test
    void aCheckChainUnderTheContextPathEndsAtItsCard() throws Exception {
        int port = deployed();
        String path = CONTEXT + "/check?checks=reuse,close-honoured";
        List<String> visited = new java.util.ArrayList<>();
        RawResponse response;
        do {
            visited.add(path);
            try (RawConnection connection = RawConnection.open(port)) {
                response = connection.get(path, "Accept: application/json");
            }
            path = response.header("Location").orElse(null);
        } while (response.status() / 100 == 3 && path != null && visited.size() < 10);
        assertEquals(200, response.status(), visited + " " + response);
        String card = ControlCall.json(response).get("card").asText();
        assertTrue(card.startsWith(CONTEXT + "/check/") && visited.get(visited.size() - 1).equals(card), visited + " " + response.bodyText());
    }

    private static RawResponse control(int port, String method, String path, String body) throws Exception {
        try (RawConnection connection = RawConnection.open(port)) {
            return ControlCall.send(connection, method, CONTEXT + path, body);
        }
    }

    @Test
    void delayAndDripAreMadeAndTheSocketFaultsRefused() throws Exception {
        try (RawConnection connection = RawConnection.open(deployed())) {
            long start = System.nanoTime();
            RawResponse delayed = connection.get(CONTEXT + "/test1.jpg?fault=delay=200ms");
            assertEquals(200, delayed.status(), delayed.toString());
            assertTrue(System.nanoTime() - start >= 200_000_000L, "delayed");
            assertArrayEquals(LabWar.picture(), delayed.body());
            RawResponse dripped = connection.get(CONTEXT + "/test2.jpg?fault=drip=300ms");
            assertEquals(200, dripped.status(), dripped.toString());
            assertArrayEquals(LabWar.picture(), dripped.body(), "the whole body, dripped, on the same connection");
            RawResponse refused = connection.get(CONTEXT + "/test1.jpg?fault=reset");
            assertEquals(400, refused.status(), refused.toString());
            assertTrue(refused.bodyText().startsWith("Fault reset needs a server that controls its sockets"), refused.bodyText());
        }
    }

    @Test
    void submitCountsAPostedBody() throws Exception {
        try (RawConnection connection = RawConnection.open(deployed())) {
            connection.send("POST " + CONTEXT + "/submit HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello");
            RawResponse response = connection.readResponse(false);
            assertEquals(200, response.status(), response.toString());
            assertEquals("Received 5 bytes.", response.bodyText().trim());
        }
    }

    @Test
    void anUndecodableQueryIsTheLabs400() throws Exception {
        try (RawConnection connection = RawConnection.open(deployed())) {
            RawResponse response = connection.get(CONTEXT + "/test1.jpg?connection=%zz");
            assertEquals(400, response.status(), response.toString());
            assertTrue(response.hasHeader("X-Connection-Label"), "answered by the lab: " + response);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"HTTP/1.1", "HTTP/1.0"})
    void statusLine(String version) throws Exception {
        try (RawConnection connection = RawConnection.open(deployed())) {
            assertEquals(statusLine200(), connection.exchange("GET", CONTEXT + "/", version).statusLine());
        }
    }

    /**
     * Sends HEADs of the page on one connection under the shipped settings, up to {@code max}.
     *
     * @return the number of the first response that closes the connection (followed by EOF), or 0 if none did
     */
    int firstClosingResponse(int max) throws Exception {
        try (RawConnection connection = RawConnection.open(deployed())) {
            for (int i = 1; i <= max; i++) {
                RawResponse response = connection.exchange("HEAD", CONTEXT + "/", "HTTP/1.1");
                assertEquals(200, response.status());
                if (response.announcesClose()) {
                    assertTrue(connection.awaitServerClose(CLOSE_WAIT), "EOF after response " + i);
                    return i;
                }
            }
            return 0;
        }
    }

    /**
     * One row of a container's table of connection headers, under {@code keepAliveTimeout=5s} (images: policy
     * keep-alive, the page: policy default).
     *
     * @param connectionLines the response's Connection header lines, separated by ';' (null: none)
     * @param kept            whether a second response arrives on the socket (else the server sends EOF)
     */
    void assertConnectionHeaders(String path, String version, String clientConnection, String connectionLines,
                                 String keepAlive, boolean kept) throws Exception {
        String[] headers = clientConnection == null ? new String[0] : new String[]{"Connection: " + clientConnection};
        try (RawConnection connection = RawConnection.open(deployed(InitParamEdit.set("keepAliveTimeout", "5s")))) {
            RawResponse response = connection.exchange("GET", CONTEXT + path, version, headers);
            assertEquals(200, response.status(), response.toString());
            List<String> expectedLines = connectionLines == null ? List.of() : Arrays.asList(connectionLines.split(";"));
            assertEquals(expectedLines, response.headers().getOrDefault("connection", List.of()), response.toString());
            assertEquals(Optional.ofNullable(keepAlive), response.header("Keep-Alive"), response.toString());
            if (kept) {
                assertEquals(200, connection.exchange("GET", CONTEXT + path, version, headers).status(), "second response on the socket");
            } else {
                assertTrue(connection.awaitServerClose(CLOSE_WAIT), "EOF after " + response);
            }
        }
    }

}
