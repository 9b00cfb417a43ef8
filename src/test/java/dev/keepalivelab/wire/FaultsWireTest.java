package dev.keepalivelab.wire;

import dev.keepalivelab.fault.Faults;
import dev.keepalivelab.support.AccessLogFile;
import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.H2Client;
import dev.keepalivelab.support.LabRecord;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawConnection.End;
import dev.keepalivelab.support.RawH2Connection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.keepalivelab.support.LabRecord.ended;
import static dev.keepalivelab.support.LabRecord.finished;
import static dev.keepalivelab.support.TestLab.CLOSE_WAIT;
import static dev.keepalivelab.support.TestLab.IMAGE_BYTES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every fault on a real socket, and its record: a close is EOF, a reset is ECONNRESET, a cut response is fewer bytes
 * than its Content-Length, and {@code /connections} says which fault did it.
 */
class FaultsWireTest {
    @ParameterizedTest(name = "{0}: the whole response without Connection: close, then {1}")
    @CsvSource({"silent-close, FIN", "reset, RST"})
    void aFaultAfterTheResponseEndsTheConnectionThatWay(String fault, End end) throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            try (RawConnection connection = lab.connect()) {
                RawResponse response = connection.get("/test1.jpg?fault=" + fault);
                assertEquals(200, response.status());
                assertEquals(IMAGE_BYTES, response.body().length);
                assertTrue(response.header("Connection").filter("close"::equalsIgnoreCase).isEmpty(), "no warning: " + response);
                assertEquals(end, connection.awaitEnd());
            }
            Connections.Connection connection = ended(lab, "c1");
            assertEquals("server", connection.closedBy());
            assertEquals("fault/" + fault, connection.closeReason());
            Connections.Request request = finished(lab, "c1", 1);
            assertEquals(fault, request.fault());
            assertEquals("closed/fault/" + fault, request.decided());
            assertEquals("complete", request.outcome());
            assertEquals(IMAGE_BYTES, (long) request.bytes());
        }
    }

    @ParameterizedTest(name = "over TLS, {0}: the whole response, then {1}")
    @CsvSource({"silent-close, FIN", "reset, RST", "close-on-reuse, FIN", "reset-on-reuse, RST"})
    void overTlsAFaultEndsTheConnectionThatWay(String fault, End end) throws Exception {
        try (TestLab lab = TestLab.startHttps(); RawConnection connection = RawConnection.over(lab.connectTls("http/1.1"))) {
            RawResponse response = connection.get("/test1.jpg?fault=" + fault);
            assertEquals(200, response.status());
            assertEquals(IMAGE_BYTES, response.body().length);
            if (fault.endsWith("-on-reuse")) {
                connection.send("GET /test2.jpg HTTP/1.1\r\nHost: localhost\r\n\r\n");
            }
            assertEquals(end, connection.awaitEnd());
            assertEquals("fault/" + fault, ended(lab, "c1").closeReason());
        }
    }

    @ParameterizedTest(name = "{0}: kept, then the next request on the connection is read and answered by {1}, no response")
    @CsvSource({"close-on-reuse, FIN", "reset-on-reuse, RST"})
    void anOnReuseFaultEndsTheConnectionAtItsNextRequest(String fault, End end) throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            try (RawConnection connection = lab.connect()) {
                RawResponse first = connection.get("/test1.jpg?fault=" + fault);
                assertEquals(200, first.status());
                assertEquals(IMAGE_BYTES, first.body().length);
                assertTrue(first.header("Connection").filter("close"::equalsIgnoreCase).isEmpty(), first.toString());
                connection.send("GET /test2.jpg HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertEquals(end, connection.awaitEnd());
            }
            Connections.Connection connection = ended(lab, "c1");
            assertEquals("fault/" + fault, connection.closeReason());
            assertEquals("server", connection.closedBy());
            Connections.Request armed = finished(lab, "c1", 1);
            assertEquals(fault, armed.fault());
            assertEquals("kept/policy", armed.decided());
            assertEquals("complete", armed.outcome());
            Connections.Request sprung = finished(lab, "c1", 2);
            assertEquals("/test2.jpg", sprung.path());
            assertNull(sprung.status(), "no response: " + sprung);
            assertNull(sprung.fault(), "the request did not ask for it: " + sprung);
            assertEquals("closed/fault/" + fault, sprung.decided());
            assertEquals("failed", sprung.outcome());
        }
    }

    @Test
    void theAccessLogSaysNoStatusAndNoSizeForTheRequestAnOnReuseFaultSprangOn(@TempDir Path dir) throws Exception {
        try (TestLab lab = TestLab.start(Map.of(), AccessLogFile.settings(dir)); RawConnection connection = lab.connect()) {
            assertEquals(200, connection.get("/test1.jpg?fault=close-on-reuse").status());
            connection.send("GET /test2.jpg HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(End.FIN, connection.awaitEnd());
            String line = AccessLogFile.awaitLines(dir.resolve("access.log"), 2).stream()
                    .filter(l -> l.contains("\"GET /test2.jpg ")).findFirst().orElseThrow();
            assertTrue(line.contains("HTTP/1.1\" - - \"") && line.endsWith(" c1 2 closed/fault/close-on-reuse http/1.1"), line);
        }
    }

    @Test
    void aRequestForTheRecordPassesAnArmedFaultBy() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            assertEquals(200, connection.get("/test1.jpg?fault=close-on-reuse").status());
            assertEquals(200, connection.get("/connections").status(), "the record can always be read");
            connection.send("GET /test2.jpg HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(End.FIN, connection.awaitEnd(), "the fault stayed armed for the next request");
        }
    }

    @Test
    void whereThePolicyClosesASilentCloseIsThePolicysAnnouncedClose() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            RawResponse response = connection.get("/test1.jpg?connection=close&fault=silent-close");
            assertEquals(Optional.of("close"), response.header("Connection"));
            assertEquals(End.FIN, connection.awaitEnd());
            assertEquals("closed/policy", finished(lab, "c1", 1).decided());
        }
    }

    @Test
    void aServerWideFaultThatHttp2CannotCarryLeavesItsRequestsBe() throws Exception {
        try (TestLab lab = TestLab.start(Map.of("fault", "truncate")); H2Client client = H2Client.priorKnowledge(lab.port())) {
            assertEquals(200, client.get("/test1.jpg").status(), "not a 400: the fault is refused only when a request asks for it");
            assertEquals(200, client.get("/test2.jpg").status());
            assertTrue(client.goAways().isEmpty());
        }
    }

    @Test
    void noResponseReadsTheRequestAndClosesAtTheIdleTimeoutWithoutAByte() throws Exception {
        try (TestLab lab = TestLab.start(Map.of(), Duration.ofMillis(400))) {
            try (RawConnection connection = lab.connect()) {
                connection.send("GET /test1.jpg?fault=no-response HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertEquals(End.FIN, connection.awaitEnd(), "no byte, then EOF");
            }
            Connections.Connection connection = ended(lab, "c1");
            assertEquals("server", connection.closedBy());
            assertEquals("fault/no-response", connection.closeReason());
            Connections.Request request = finished(lab, "c1", 1);
            assertNull(request.status(), request.toString());
            assertEquals("no-response", request.fault());
            assertEquals("closed/fault/no-response", request.decided());
            assertEquals("failed", request.outcome());
        }
    }

    @Test
    void truncateSendsTheWholeContentLengthHalfTheBodyThenEof() throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            try (RawConnection connection = lab.connect()) {
                connection.send("GET /test1.jpg?fault=truncate HTTP/1.1\r\nHost: localhost\r\n\r\n");
                String head = connection.readHead();
                assertTrue(head.startsWith("HTTP/1.1 200 "), head);
                assertTrue(head.contains("\r\nContent-Length: " + IMAGE_BYTES), head);
                assertEquals(IMAGE_BYTES / 2, bytesUntilEof(connection));
            }
            Connections.Request request = finished(lab, "c1", 1);
            assertEquals("truncate", request.fault());
            assertEquals("closed/fault/truncate", request.decided());
            assertEquals("failed", request.outcome());
            assertEquals(IMAGE_BYTES / 2, (long) request.bytes());
            assertEquals("fault/truncate", ended(lab, "c1").closeReason());
        }
    }

    /**
     * A close the response announces comes first and wins over a close or reset the fault would make after it: the
     * client reads Connection: close, then EOF, and the record names the rule that closed, beside the fault asked for.
     */
    @ParameterizedTest(name = "{0} with {1}: Connection: close, FIN, recorded {2}")
    @CsvSource(delimiter = '|', textBlock = """
            reset        | ?connection=close          |                      | closed/policy
            reset        | ''                         | 'Connection: close'  | closed/client
            silent-close | ?connection=close          |                      | closed/policy
            """)
    void anAnnouncedCloseWinsOverAFaultAfterTheResponse(String fault, String query, String header, String recorded) throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            try (RawConnection connection = lab.connect()) {
                String target = "/test1.jpg" + (query.isEmpty() ? "?" : query + "&") + "fault=" + fault;
                RawResponse response = header == null ? connection.get(target) : connection.get(target, header);
                assertEquals(Optional.of("close"), response.header("Connection"));
                assertEquals(End.FIN, connection.awaitEnd());
            }
            Connections.Request request = finished(lab, "c1", 1);
            assertEquals(fault, request.fault(), "the fault asked for");
            assertEquals(recorded, request.decided(), "the close that happened");
        }
    }

    /** HEAD has no body to cut: the client gets the whole HEAD response, then EOF, and the record says it was whole. */
    @Test
    void truncateOnHeadSendsTheWholeHeadThenEof() throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            try (RawConnection connection = lab.connect()) {
                connection.send("HEAD /test1.jpg?fault=truncate&client=head-truncate HTTP/1.1\r\nHost: localhost\r\n\r\n");
                String head = connection.readHead();
                assertTrue(head.startsWith("HTTP/1.1 200 "), head);
                assertTrue(head.contains("\r\nContent-Length: " + IMAGE_BYTES), head);
                assertEquals(0, bytesUntilEof(connection), "nothing after the head, then EOF");
            }
            Connections.Request request = finished(lab, "c1", 1);
            assertEquals("closed/fault/truncate", request.decided());
            assertEquals("complete", request.outcome(), "the client got all a HEAD response has");
            assertEquals("fault/truncate", ended(lab, "c1").closeReason());
            assertEquals(0, LabRecord.summaryOf(lab, "head-truncate", c -> c.requests() == 1).lost(), "nothing lost");
        }
    }

    @Test
    void delayWaitsBeforeTheStatusLineAndKeepsTheConnection() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            long start = System.nanoTime();
            RawResponse delayed = connection.get("/test1.jpg?fault=delay=300ms");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(200, delayed.status());
            assertEquals(IMAGE_BYTES, delayed.body().length);
            assertTrue(took.compareTo(Duration.ofMillis(300)) >= 0, "the response came after " + took);
            assertEquals(200, connection.get("/test2.jpg").status(), "the connection stays usable");
            Connections.Request request = finished(lab, "c1", 1);
            assertEquals("delay=300ms", request.fault());
            assertEquals("kept/policy", request.decided());
        }
    }

    @Test
    void dripSendsTheHeadAtOnceAndSpreadsTheBodyOverItsDuration() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            connection.send("GET /test1.jpg?fault=drip=800ms HTTP/1.1\r\nHost: localhost\r\n\r\n");
            String head = connection.readHead();
            long headAt = System.nanoTime();
            assertTrue(head.contains("\r\nContent-Length: " + IMAGE_BYTES), head);
            byte[] buffer = new byte[IMAGE_BYTES];
            int read = 0;
            long firstAt = 0;
            while (read < IMAGE_BYTES) {
                int n = connection.readSome(buffer);
                assertTrue(n > 0, "the body ended after " + read + " bytes");
                if (read == 0) {
                    firstAt = System.nanoTime();
                }
                read += n;
            }
            long lastAt = System.nanoTime();
            assertTrue(Duration.ofNanos(lastAt - headAt).toMillis() >= 600, "the body took " + (lastAt - headAt) / 1_000_000 + " ms");
            assertTrue(Duration.ofNanos(lastAt - firstAt).toMillis() >= 400,
                    "spread, not held back: first to last body byte " + (lastAt - firstAt) / 1_000_000 + " ms");
            assertEquals(200, connection.get("/test2.jpg").status(), "the connection stays usable");
            assertEquals("kept/policy", finished(lab, "c1", 1).decided());
        }
    }

    @Test
    void anUnknownFaultIsA400ListingTheFaults() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            RawResponse response = connection.get("/test1.jpg?fault=explode");
            assertEquals(400, response.status());
            assertEquals("Invalid query parameter fault: allowed are " + Faults.ALLOWED + ".", response.bodyText().trim());
            assertEquals(400, connection.get("/test1.jpg?fault=delay=61s").status(), "above the maximum");
        }
    }

    @Test
    void allowFaultsFalseIgnoresTheParameter() throws Exception {
        try (TestLab lab = TestLab.start(Map.of("allowFaults", "false")); RawConnection connection = lab.connect()) {
            assertEquals(200, connection.get("/test1.jpg?fault=reset").status());
            assertEquals(200, connection.get("/test1.jpg?fault=explode").status(), "ignored, like ?connection= without overrides");
        }
    }

    @Test
    void aServerWideFaultOnTheNthRequestSpringsOnEachConnection() throws Exception {
        try (TestLab lab = TestLab.start(Map.of("fault", "reset-on-reuse", "faultOn", "request=2"))) {
            try (RawConnection connection = lab.connect()) {
                assertEquals(200, connection.get("/test1.jpg").status());
                assertEquals(200, connection.get("/test2.jpg").status(), "the second request arms it");
                connection.send("GET /test3.jpg HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertEquals(End.RST, connection.awaitEnd());
            }
            assertNull(finished(lab, "c1", 1).fault());
            assertEquals("reset-on-reuse", finished(lab, "c1", 2).fault());
            assertEquals("closed/fault/reset-on-reuse", finished(lab, "c1", 3).decided());
        }
    }

    @Test
    void aServerWideFaultSparesConnectionsAndFollowsItsPathGlobs() throws Exception {
        try (TestLab lab = TestLab.start(Map.of("fault", "silent-close", "faultOn", "paths=test2.jpg"));
             RawConnection connection = lab.connect()) {
            assertEquals(200, connection.get("/connections").status());
            assertEquals(200, connection.get("/test1.jpg").status());
            assertEquals(200, connection.get("/test2.jpg").status());
            assertEquals(End.FIN, connection.awaitEnd(), "test2.jpg matches");
        }
    }

    /**
     * On HTTP/2 a connection fault acts on the TCP connection under every stream, without GOAWAY: the response's stream
     * ends whole, then EOF or RST; an on-reuse fault ends the connection when the next stream arrives, which gets nothing.
     * The same over TLS (ALPN h2) and in clear text (h2c by prior knowledge).
     */
    @ParameterizedTest(name = "{0}, {1}: then {2}, no GOAWAY")
    @CsvSource({"h2c, silent-close, FIN", "h2c, reset, RST", "h2c, close-on-reuse, FIN", "h2c, reset-on-reuse, RST",
            "h2, silent-close, FIN", "h2, reset, RST", "h2, close-on-reuse, FIN", "h2, reset-on-reuse, RST"})
    void onHttp2AConnectionFaultEndsTheTcpConnectionWithoutGoAway(String protocol, String fault, End end) throws Exception {
        boolean tls = protocol.equals("h2");
        try (TestLab lab = tls ? TestLab.startHttps() : TestLab.start(Map.of());
             RawH2Connection h2 = tls ? RawH2Connection.overTls(lab.connectTls("h2"), Map.of())
                     : RawH2Connection.priorKnowledge(lab.port(), Map.of())) {
            assertTrue(h2.get(1, "/test1.jpg?fault=" + fault));
            h2.await(f -> f.is(RawH2Connection.DATA, 1) && (f.flags() & RawH2Connection.FLAG_END_STREAM) != 0, CLOSE_WAIT);
            if (fault.endsWith("-on-reuse")) {
                h2.get(3, "/test2.jpg");
            }
            assertTrue(h2.awaitClose(CLOSE_WAIT).isPresent(), "the server ends the connection: " + h2.summary());
            assertEquals(end, h2.end(), "how the server ended the connection: " + h2.summary());
            assertEquals(0, h2.count(f -> f.type() == RawH2Connection.GOAWAY), "no GOAWAY: " + h2.summary());
            assertEquals(0, h2.count(f -> f.stream() == 3), "the next stream gets nothing: " + h2.summary());
            Connections.Connection connection = ended(lab, "c1");
            assertEquals("fault/" + fault, connection.closeReason());
            assertEquals(protocol, connection.protocol());
        }
    }

    /** On HTTP/2 the lab makes delay and drip on the stream, and refuses the faults it makes on HTTP/1.x only. */
    @Test
    void onHttp2DelayAndDripServeTheStreamAndTheHttp1OnlyFaultsAreRefused() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); H2Client client = H2Client.priorKnowledge(lab.port())) {
            long start = System.nanoTime();
            H2Client.Response delayed = client.get("/test1.jpg?fault=delay=200ms");
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(200).toNanos(), "delayed");
            assertEquals(200, delayed.status());
            H2Client.Response dripped = client.get("/test2.jpg?fault=drip=300ms");
            assertEquals(200, dripped.status());
            assertEquals(IMAGE_BYTES, dripped.body().length);
            for (String fault : List.of("no-response", "truncate")) {
                H2Client.Response refused = client.get("/test1.jpg?fault=" + fault);
                assertEquals(400, refused.status(), fault);
                assertEquals("Fault " + fault + " is made on HTTP/1.x only; on HTTP/2 the lab makes delay, drip, silent-close,"
                        + " close-on-reuse, reset and reset-on-reuse.", new String(refused.body(), java.nio.charset.StandardCharsets.UTF_8).trim());
            }
            assertEquals(200, client.get("/test3.jpg").status(), "the connection serves on");
            assertTrue(client.goAways().isEmpty());
        }
    }

    private static int bytesUntilEof(RawConnection connection) throws IOException {
        byte[] buffer = new byte[8192];
        int total = 0;
        for (int n; (n = connection.readSome(buffer)) != -1; ) {
            total += n;
        }
        return total;
    }
}
