package dev.keepalivelab.wire;

import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.H2Client;
import dev.keepalivelab.support.LabRecord;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawH2Connection;
import dev.keepalivelab.support.TestLab;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.frames.GoAwayFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.keepalivelab.support.TestLab.CLOSE_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection controls on HTTP/2, proven on frames: where HTTP/1.1 would send {@code Connection: close}, the lab
 * sends GOAWAY (no error, its debug data the rule) before the response, the streams already open finish, and the
 * record says which rule ended the connection.
 */
class Http2ConnectionControlsWireTest {

    /** Which transport the client speaks: h2 over TLS to the HTTPS port, or h2c by prior knowledge. */
    enum Transport {
        H2, H2C;

        H2Client connect(TestLab lab) throws Exception {
            return this == H2 ? H2Client.overTls(lab) : H2Client.priorKnowledge(lab.port());
        }
    }

    static final Map<Integer, Integer> LARGE_WINDOWS = Map.of(RawH2Connection.SETTINGS_INITIAL_WINDOW_SIZE, 1 << 20);

    /** The lab's GOAWAY does not wait for the client's: once its streams finish, the server closes. */
    @Test
    void aClientThatNeverAnswersTheGoAwayIsClosedOnceItsStreamsFinish() throws Exception {
        try (TestLab lab = lab(Map.of("maxRequestsPerConnection", "2"));
             RawH2Connection h2 = RawH2Connection.priorKnowledge(lab.port(), LARGE_WINDOWS)) {
            h2.windowUpdate(0, 1 << 20);
            h2.get(1, "/test1.jpg");
            h2.get(3, "/test2.jpg");
            RawH2Connection.Frame goAway = h2.awaitFinalGoAway(CLOSE_WAIT);
            assertEquals(3, goAway.lastStreamId());
            assertTrue(h2.awaitClose(CLOSE_WAIT).isPresent(),
                    "closed well before the 30 s idle timeout, without the client's GOAWAY");
            Connections.Connection connection = LabRecord.endedFrom(lab, h2.localPort());
            assertEquals("server", connection.closedBy());
            assertEquals("max-requests", connection.closeReason());
        }
    }

    /** Streams the client sent before the GOAWAY are served on the same connection, and recorded on it. */
    @Test
    void streamsSentBeforeTheGoAwayStayOnTheirConnection() throws Exception {
        try (TestLab lab = lab(Map.of("maxRequestsPerConnection", "2"));
             RawH2Connection h2 = RawH2Connection.priorKnowledge(lab.port(), LARGE_WINDOWS)) {
            h2.windowUpdate(0, 1 << 20);
            h2.getAll(new java.util.TreeMap<>(Map.of(1, "/test1.jpg", 3, "/test2.jpg", 5, "/test3.jpg"))); // ids must rise
            RawH2Connection.Frame goAway = h2.awaitFinalGoAway(CLOSE_WAIT);
            assertTrue(h2.awaitClose(CLOSE_WAIT).isPresent());
            Connections.Connection connection = LabRecord.endedFrom(lab, h2.localPort());
            assertEquals(0, h2.count(f -> f.type() == RawH2Connection.RST_STREAM), "no stream refused: " + h2.received());
            List<Connections.Request> requests = LabRecord.finishedOn(lab, connection.label(), goAway.lastStreamId() / 2 + 1);
            assertEquals(goAway.lastStreamId() / 2 + 1, connection.requests(),
                    "every stream up to the GOAWAY's last on the one connection: " + requests);
            assertEquals(1, connectionsFrom(lab, h2.localPort()), "one connection for the client's socket");
            assertEquals("max-requests", connection.closeReason());
        }
    }

    /** A stream the client resets fails alone: its connection stays open and carries the next stream. */
    @Test
    void aResetStreamLeavesItsConnectionOpen() throws Exception {
        try (TestLab lab = lab(Map.of());
             RawH2Connection h2 = RawH2Connection.priorKnowledge(lab.port(), LARGE_WINDOWS)) {
            h2.getAndReset(1, "/test1.jpg");
            h2.get(3, "/test2.jpg");
            h2.await(f -> f.type() == RawH2Connection.DATA && f.stream() == 3 && (f.flags() & RawH2Connection.FLAG_END_STREAM) != 0,
                    CLOSE_WAIT);
            Connections.Connection connection = LabRecord.awaitConnection(lab, "", "a request on the client's connection",
                    c -> c.remotePort() == h2.localPort() && c.requests() >= 1);
            assertFalse(connection.closed(), connection.toString());
            assertEquals(1, connectionsFrom(lab, h2.localPort()), "one connection for the client's socket");
            assertFalse(h2.goneAway());
        }
    }

    /** A client that sends GOAWAY first ends the connection: the record names it. */
    @Test
    void aClientsGoAwayIsRecordedAsTheClientsClose() throws Exception {
        try (TestLab lab = lab(Map.of());
             RawH2Connection h2 = RawH2Connection.priorKnowledge(lab.port(), LARGE_WINDOWS)) {
            h2.get(1, "/test1.jpg");
            h2.await(f -> f.type() == RawH2Connection.DATA && f.stream() == 1 && (f.flags() & RawH2Connection.FLAG_END_STREAM) != 0,
                    CLOSE_WAIT);
            h2.goAway();
            assertTrue(h2.awaitClose(CLOSE_WAIT).isPresent());
            Connections.Connection connection = LabRecord.endedFrom(lab, h2.localPort());
            assertEquals("client", connection.closedBy(), connection.toString());
            assertEquals("client", connection.closeReason());
        }
    }

    /** How many connections the record has from the client's port {@code port}. */
    static long connectionsFrom(TestLab lab, int port) throws Exception {
        return LabRecord.read(lab).connections().stream().filter(c -> c.remotePort() == port).count();
    }

    static TestLab lab(Map<String, String> initParams) throws Exception {
        return TestLab.start(initParams, TestLab.httpsSettings());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"H2, h2, true", "H2C, h2c, false"})
    void theRecordNamesTheProtocolTlsAndEachStream(Transport transport, String protocol, boolean tls) throws Exception {
        try (TestLab lab = lab(Map.of()); H2Client client = transport.connect(lab)) {
            List<H2Client.Response> responses = client.getAll(List.of("/test1.jpg", "/test2.jpg", "/test3.jpg"));
            String label = responses.get(0).headers().get("X-Connection-Label");
            assertEquals(1, responses.stream().map(r -> r.headers().get("X-Connection-Label")).distinct().count(), "one connection");
            Connections.Connection connection = LabRecord.awaitConnection(lab, label, c -> true);
            LabRecord.finishedOn(lab, label, responses.size());
            assertEquals(protocol, connection.protocol());
            assertEquals(tls, connection.tls());
            assertFalse(connection.closed());
            List<Integer> streams = LabRecord.requestsOn(lab, label).stream().map(r -> r.stream().intValue()).sorted().toList();
            assertEquals(responses.stream().map(H2Client.Response::stream).sorted().toList(), streams);
            for (Connections.Request request : LabRecord.requestsOn(lab, label)) {
                assertEquals("kept/policy", request.decided());
                assertEquals("complete", request.outcome());
            }
            assertFalse(client.goneAway(), "nothing ends the connection");
        }
    }

    /** The rules of "What the policies do" that apply to HTTP/2, each ending the connection at its Nth request. */
    @ParameterizedTest(name = "{0} over {1}: request {3} ends the connection ({4})")
    @CsvSource(delimiter = '|', textBlock = """
            connection=close             | H2  | /test1.jpg                 | 1 | policy
            connection=close             | H2C | /test1.jpg                 | 1 | policy
            maxRequestsPerConnection=3   | H2  | /test1.jpg                 | 3 | max-requests
            maxRequestsPerConnection=3   | H2C | /test1.jpg                 | 3 | max-requests
            closePaths=test2*.jpg        | H2  | /test2.jpg                 | 1 | close-paths
            keepAliveDisable=lab-agent   | H2  | /test1.jpg                 | 1 | user-agent
            connection=keep-alive        | H2  | /test1.jpg?connection=close | 1 | policy
            """)
    void aRuleThatClosesHttp1EndsAnHttp2ConnectionWithGoAway(String param, Transport transport, String path, int n,
                                                            String reason) throws Exception {
        String[] kv = param.split("=");
        try (TestLab lab = lab(Map.of(kv[0], kv[1])); H2Client client = transport.connect(lab)) {
            H2Client.Response last = null;
            for (int i = 1; i <= n; i++) {
                assertFalse(client.goneAway(), "GOAWAY before request " + i);
                last = client.get(path, "User-Agent: lab-agent/1.0");
                assertEquals(200, last.status());
                assertFalse(last.headers().contains("Connection"), "HTTP/2 forbids connection headers");
            }
            GoAwayFrame goAway = client.awaitFinalGoAway();
            assertEquals(ErrorCode.NO_ERROR.code, goAway.getError());
            assertEquals(last.stream(), goAway.getLastStreamId(), "the streams up to the last one are answered");
            assertEquals(reason, new String(goAway.getPayload(), StandardCharsets.UTF_8));
            client.awaitClose();

            String label = last.headers().get("X-Connection-Label");
            List<Connections.Request> requests = LabRecord.requestsOn(lab, label);
            Connections.Request ending = requests.get(requests.size() - 1);
            assertEquals("closed/" + reason, ending.decided());
            Connections.Connection connection = LabRecord.ended(lab, label);
            assertEquals("server", connection.closedBy());
            assertEquals(reason, connection.closeReason());
        }
    }

    /** maxConnectionAge counts from the connection's first request: a request after the age ends the connection. */
    @Test
    void anHttp2ConnectionOlderThanMaxConnectionAgeEndsAfterItsNextResponse() throws Exception {
        Duration age = Duration.ofMillis(50);
        try (TestLab lab = lab(Map.of("maxConnectionAge", age.toMillis() + "ms")); H2Client client = Transport.H2.connect(lab)) {
            assertEquals(200, client.get("/test1.jpg").status());
            assertFalse(client.goneAway(), "younger than the age: kept");
            // The server saw the first request before its response arrived here: from now, the age surely passes.
            Thread.sleep(age.toMillis() + 10); // the age under test, not synchronisation
            H2Client.Response older = client.get("/test1.jpg");
            GoAwayFrame goAway = client.awaitFinalGoAway();
            assertEquals(older.stream(), goAway.getLastStreamId());
            assertEquals("max-age", new String(goAway.getPayload(), StandardCharsets.UTF_8));
        }
    }

    /**
     * GOAWAY names the last stream the server took; a response still in progress on an earlier stream is finished
     * whole after it. The first response is held by the client's flow-control window until the third request ends
     * the connection.
     */
    /**
     * A connection that answered over HTTP/1.1 and is then upgraded to h2c is one connection speaking HTTP/2 from the
     * upgrade on: the upgraded stream that reaches the limit gets GOAWAY, and the record says h2c and why it closed.
     */
    @Test
    void anH2cUpgradeAfterHttp1RequestsIsTheSameConnectionUnderTheSameLimit() throws Exception {
        try (TestLab lab = TestLab.start(Map.of("maxRequestsPerConnection", "2")); RawConnection connection = lab.connect()) {
            assertEquals(200, connection.get("/test1.jpg").status());
            connection.send("GET /test2.jpg HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                    + "Upgrade: h2c\r\nHTTP2-Settings: \r\n\r\n");
            assertTrue(connection.readHead().startsWith("HTTP/1.1 101 "), "the upgrade is taken");
            connection.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\0\0\0\4\0\0\0\0\0");
            int goAwayLastStream = -1;
            while (goAwayLastStream < 0) {
                byte[] header = connection.readExactly(9);
                int length = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | (header[2] & 0xff);
                byte[] payload = connection.readExactly(length);
                if (header[3] == RawH2Connection.PING && (header[4] & RawH2Connection.FLAG_ACK) == 0) {
                    connection.send(new String(new byte[] {0, 0, 8, RawH2Connection.PING, RawH2Connection.FLAG_ACK, 0, 0, 0, 0},
                            StandardCharsets.ISO_8859_1) + new String(payload, StandardCharsets.ISO_8859_1));
                }
                if (header[3] == RawH2Connection.GOAWAY) {
                    int lastStream = ByteBuffer.wrap(payload).getInt() & Integer.MAX_VALUE;
                    // The final GOAWAY, after the notice and the PING's ACK.
                    goAwayLastStream = lastStream == RawH2Connection.GRACEFUL_LAST_STREAM ? -1 : lastStream;
                }
            }
            assertEquals(1, goAwayLastStream, "the upgraded request, stream 1, is the last");
            assertEquals(List.of("kept/policy", "closed/max-requests"),
                    LabRecord.finishedOn(lab, "c1", 2).stream().map(Connections.Request::decided).toList());
            assertEquals("h2c", LabRecord.awaitConnection(lab, "c1", c -> true).protocol(),
                    "the connection speaks HTTP/2 since its upgrade");
        }
    }

    @Test
    void aResponseInProgressFinishesAfterTheGoAway() throws Exception {
        try (TestLab lab = lab(Map.of("maxRequestsPerConnection", "3")); H2Client client = Transport.H2.connect(lab)) {
            H2Client.Held first = client.hold("/test1.jpg");
            assertEquals(200, client.get("/test2.jpg").status());
            H2Client.Response third = client.get("/test3.jpg");
            GoAwayFrame goAway = client.awaitFinalGoAway();
            assertEquals(third.stream(), goAway.getLastStreamId());
            H2Client.Response held = first.read();
            assertEquals(200, held.status());
            assertEquals(31548, held.body().length, "the response in progress at the GOAWAY is answered whole");
            client.awaitClose();
            String label = third.headers().get("X-Connection-Label");
            assertEquals("max-requests", LabRecord.ended(lab, label).closeReason());
        }
    }

    @Test
    void theIdleTimeoutEndsAnIdleHttp2ConnectionWithGoAway() throws Exception {
        ServerSettings server = TestLab.httpsSettings().with(Setting.IDLE_TIMEOUT, "500ms");
        try (TestLab lab = TestLab.start(Map.of(), server); H2Client client = Transport.H2.connect(lab)) {
            String label = client.get("/test1.jpg").headers().get("X-Connection-Label");
            client.awaitGoAway();
            client.awaitClose();
            Connections.Connection connection = LabRecord.ended(lab, label);
            assertEquals("server", connection.closedBy());
            assertEquals("idle-timeout", connection.closeReason());
            assertEquals("kept", LabRecord.requestsOn(lab, label).get(0).decision(), "the response kept it");
        }
    }
}
