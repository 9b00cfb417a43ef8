package dev.keepalivelab.portability;

import dev.keepalivelab.support.H2Client;
import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.InitParamEdit;
import dev.keepalivelab.support.LabKeystore;
import dev.keepalivelab.support.LabWar;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.net.ssl.SSLSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * What the shipped WAR does over HTTPS in every container, on the wire: h2 by ALPN, HTTP/1.1 over TLS, the record of
 * an h2 connection, and what a servlet cannot do on HTTP/2 (end the connection with GOAWAY). Each container's IT
 * configures its HTTPS connector as the project's documentation tells an operator, with a PKCS12 keystore file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PortableTlsContract {

    /** A running deployment: its HTTPS port and how to stop it. */
    record TlsDeployment(int httpsPort, AutoCloseable container) {
    }

    LabKeystore keystore;
    private List<InitParamEdit> runningEdits;
    private TlsDeployment running;

    /** Deploys {@code target/keepalive-lab.war} under {@link LabWar#CONTEXT}, served over HTTPS with {@code keystore}. */
    abstract TlsDeployment deploy(List<InitParamEdit> edits, LabKeystore keystore) throws Exception;

    @BeforeAll
    final void writeKeystore() throws Exception {
        keystore = LabKeystore.write(Files.createTempDirectory(Path.of("target"), "keystore-").resolve("keepalive-lab.p12"));
    }

    /** The HTTPS port of a deployment with exactly these edits, restarting the container only when they change. */
    final int deployed(InitParamEdit... edits) throws Exception {
        List<InitParamEdit> wanted = List.of(edits);
        if (running == null || !wanted.equals(runningEdits)) {
            undeploy();
            running = deploy(wanted, keystore);
            runningEdits = wanted;
        }
        return running.httpsPort();
    }

    @AfterAll
    final void undeploy() throws Exception {
        if (running != null) {
            TlsDeployment stopping = running;
            running = null;
            stopping.container().close();
        }
    }

    H2Client h2(int port) throws Exception {
        return H2Client.overTls(port, keystore.trustingClientContext());
    }

    /**
     * What the container's ALPN answers a client that offers http/1.1 only: {@code http/1.1}, or the empty string when
     * it selects nothing and speaks HTTP/1.1 anyway.
     */
    abstract String alpnAnswerToHttp11Only();

    /** HTTP/1.1 over a TLS socket whose ALPN offered http/1.1 only. */
    RawConnection http11OverTls(int port) throws Exception {
        SSLSocket socket = TestLab.connectTls(port, keystore.trustingClientContext(), "http/1.1");
        assertEquals(alpnAnswerToHttp11Only(), socket.getApplicationProtocol());
        return RawConnection.over(socket);
    }

    @Test
    void alpnPicksH2WhenTheClientOffersBoth() throws Exception {
        try (SSLSocket socket = TestLab.connectTls(deployed(), keystore.trustingClientContext(), "h2", "http/1.1")) {
            assertEquals("h2", socket.getApplicationProtocol());
        }
    }

    @Test
    void pageAndImageLoadOverH2UnderTheContextPath() throws Exception {
        try (H2Client h2 = h2(deployed())) {
            H2Client.Response page = h2.get(CONTEXT + "/");
            assertEquals(200, page.status());
            assertTrue(page.headers().get("Content-Type").startsWith("text/html"), page.headers().toString());
            assertTrue(new String(page.body(), StandardCharsets.UTF_8).contains("<img src=\"test1.jpg?load="));
            H2Client.Response image = h2.get(CONTEXT + "/test1.jpg");
            assertEquals(200, image.status());
            assertEquals("image/jpeg", image.headers().get("Content-Type"));
            assertArrayEquals(LabWar.picture(), image.body(), "the image's bytes are picture.jpg's");
            assertFalse(image.headers().contains("Connection"), "HTTP/2 forbids connection headers: " + image.headers());
        }
    }

    @Test
    void http11OverTlsKeepsTheConnectionForTheNextResponse() throws Exception {
        try (RawConnection connection = http11OverTls(deployed())) {
            RawResponse first = connection.get(CONTEXT + "/test1.jpg");
            RawResponse second = connection.get(CONTEXT + "/test2.jpg");
            for (RawResponse response : List.of(first, second)) {
                assertEquals(200, response.status(), response.toString());
                assertFalse(response.announcesClose(), response.toString());
                assertArrayEquals(LabWar.picture(), response.body());
            }
            assertEquals(first.header("X-Connection-Label"), second.header("X-Connection-Label"), "one connection");
            assertEquals(Optional.of("2"), second.header("X-Connection-Request"));
        }
    }

    @Test
    void theRecordNamesH2TlsAndEachStream() throws Exception {
        int port = deployed();
        List<H2Client.Response> responses;
        try (H2Client h2 = h2(port)) {
            responses = h2.getAll(List.of(CONTEXT + "/test1.jpg", CONTEXT + "/test2.jpg", CONTEXT + "/test3.jpg"));
        }
        String label = responses.get(0).headers().get("X-Connection-Label");
        assertEquals(1, responses.stream().map(r -> r.headers().get("X-Connection-Label")).distinct().count(),
                "the lab counts one connection: " + responses.stream().map(r -> r.headers().toString()).toList());
        Connections record = connectionsRecord(port);
        Connections.Connection connection = connection(record, label);
        assertEquals("h2", connection.protocol(), connection.toString());
        assertTrue(connection.tls(), connection.toString());
        assertEquals(3, connection.requests(), connection.toString());
        List<Connections.Request> requests = record.requestsOn(label);
        List<Integer> clientStreams = responses.stream().map(H2Client.Response::stream).sorted().toList();
        assertEquals(clientStreams, requests.stream().map(r -> r.stream().intValue()).sorted().toList(), requests.toString());
        assertTrue(clientStreams.stream().allMatch(stream -> stream % 2 == 1), "client streams are odd: " + clientStreams);
        for (Connections.Request request : requests) {
            assertEquals("HTTP/2.0", request.protocol(), request.toString());
        }
    }

    /**
     * A servlet cannot end an HTTP/2 connection (it has no GOAWAY to send), so in a foreign container the lab's
     * connection rules do not apply to h2: every request is answered on the same session and recorded
     * {@code kept/policy}, while the same deployment closes an HTTP/1.1 connection by the rule.
     */
    @ParameterizedTest(name = "{0}={1}: h2 request {2} and {3} answered on one session, no GOAWAY")
    @CsvSource({
            "maxRequestsPerConnection, 2, 2",
            "connection,               close, 1"})
    void aForeignContainerDoesNotEndH2ConnectionsByTheLabsRules(String param, String value, int n) throws Exception {
        int port = deployed(InitParamEdit.set(param, value));
        try (RawConnection http11 = http11OverTls(port)) {
            for (int i = 1; i < n; i++) {
                assertFalse(http11.get(CONTEXT + "/test1.jpg").announcesClose(), "HTTP/1.1 response " + i);
            }
            RawResponse closing = http11.get(CONTEXT + "/test1.jpg");
            assertEquals(Optional.of("close"), closing.header("Connection"), "the rule is in force: " + closing);
            assertTrue(http11.awaitServerClose(CLOSE_WAIT), "HTTP/1.1 response " + n + " is followed by the close");
        }
        List<H2Client.Response> responses = new ArrayList<>();
        try (H2Client h2 = h2(port)) {
            for (int i = 1; i <= n + 1; i++) {
                H2Client.Response response = h2.get(CONTEXT + "/test1.jpg");
                assertEquals(200, response.status(), "h2 request " + i);
                assertArrayEquals(LabWar.picture(), response.body());
                responses.add(response);
            }
            h2.roundTrip();
            assertFalse(h2.goneAway(), "no GOAWAY before the reply to a PING sent after the last response");
        }
        String label = responses.get(0).headers().get("X-Connection-Label");
        assertEquals(1, responses.stream().map(r -> r.headers().get("X-Connection-Label")).distinct().count(), "one connection");
        Connections record = connectionsRecord(port);
        for (Connections.Request request : record.requestsOn(label)) {
            assertEquals("kept/policy", request.decided(), request.toString());
        }
        assertNull(connection(record, label).closed(), "unknown, as for every connection a container keeps");
    }

    /** GET /connections over HTTP/1.1 on a connection of its own. */
    Connections connectionsRecord(int port) throws Exception {
        try (RawConnection check = http11OverTls(port)) {
            RawResponse response = check.get(CONTEXT + "/connections");
            assertEquals(200, response.status(), response.toString());
            return Connections.parse(response.body());
        }
    }

    static Connections.Connection connection(Connections record, String label) {
        return record.connection(label).orElseThrow(() -> new AssertionError("no connection " + label + " in " + record));
    }
}
