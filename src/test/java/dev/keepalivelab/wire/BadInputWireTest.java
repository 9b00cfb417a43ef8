package dev.keepalivelab.wire;

import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.LabRecord;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.keepalivelab.support.TestLab.CLOSE_WAIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input on real sockets. Each request gets the status docs/what-is-served.md documents, from Jetty before the servlet or
 * from the lab; the connection is then closed or kept as pinned here; nothing sent comes back in a header; an error
 * is one line of plain text; and the server goes on serving the picture on a new connection.
 */
class BadInputWireTest {
    static final Path SHIPPED_PICTURE = Path.of("src/main/resources/dev/keepalivelab/picture.jpg");
    static final String HOST = "Host: localhost\r\n";

    /** Who answered: Jetty, before the servlet saw the request, or the lab's servlet. */
    enum By { JETTY, LAB }

    /** What happens to the connection after the response. */
    enum Then { CLOSED, KEPT }

    record Case(String name, String request, int status, By by, Then then) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case get(String name, String target, int status, By by, Then then) {
        return new Case(name, "GET " + target + " HTTP/1.1\r\n" + HOST + "\r\n", status, by, then);
    }

    static Case headers(String name, String headerLines, int status) {
        return new Case(name, "GET /test1.jpg HTTP/1.1\r\n" + headerLines + "\r\n", status, By.JETTY, Then.CLOSED);
    }

    static Stream<Case> badInputs() {
        return Stream.of(
                // Malformed request lines
                new Case("request line without a URI", "GET\r\n\r\n", 400, By.JETTY, Then.CLOSED),
                new Case("request line with a fourth token", "GET /test1.jpg HTTP/1.1 extra\r\n" + HOST + "\r\n", 400, By.JETTY, Then.CLOSED),
                new Case("space inside the URI", "GET /test 1.jpg HTTP/1.1\r\n" + HOST + "\r\n", 400, By.JETTY, Then.CLOSED),
                new Case("control bytes", "\u0001\u0002\u0003\u00ff\r\n\r\n", 400, By.JETTY, Then.CLOSED),
                new Case("a TLS ClientHello on the plain port", "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003",
                        400, By.JETTY, Then.CLOSED),
                // Versions
                new Case("HTTP/0.9 simple request", "GET /test1.jpg\r\n", 505, By.JETTY, Then.CLOSED),
                new Case("request line without a version", "GET /test1.jpg\r\n\r\n", 505, By.JETTY, Then.CLOSED),
                new Case("HTTP/1.2", "GET /test1.jpg HTTP/1.2\r\n" + HOST + "\r\n", 505, By.JETTY, Then.CLOSED),
                new Case("HTTP/9.9", "GET /test1.jpg HTTP/9.9\r\n" + HOST + "\r\n", 505, By.JETTY, Then.CLOSED),
                new Case("HTTP/2.0 in an HTTP/1 request line", "GET /test1.jpg HTTP/2.0\r\n" + HOST + "\r\n", 426, By.JETTY, Then.CLOSED),
                // Methods
                new Case("unknown method BREW", "BREW /test1.jpg HTTP/1.1\r\n" + HOST + "\r\n", 405, By.LAB, Then.KEPT),
                new Case("lower-case method get", "get /test1.jpg HTTP/1.1\r\n" + HOST + "\r\n", 405, By.LAB, Then.KEPT),
                new Case("TRACE", "TRACE /test1.jpg HTTP/1.1\r\n" + HOST + "\r\n", 405, By.LAB, Then.KEPT),
                // Header blocks
                headers("one header line over 8 KiB", HOST + "X-Big: " + "a".repeat(9000) + "\r\n", 431),
                headers("1,200 header lines", HOST + "X-A: b\r\n".repeat(1200), 431),
                headers("a header line without a colon", HOST + "Nocolon\r\n", 400),
                headers("a space before the colon", HOST + "X-A : b\r\n", 400),
                headers("an obsolete folded header line", HOST + "X-A: b\r\n c\r\n", 400),
                headers("a NUL byte in a header value", HOST + "X-A: b\u0000c\r\n", 400),
                headers("a bare CR in a header value", HOST + "X-A: b\rX-B: c\r\n", 400),
                headers("HTTP/1.1 without Host", "", 400),
                headers("two Host headers", HOST + HOST, 400),
                // Bodies on a GET
                headers("Content-Length: abc", HOST + "Content-Length: abc\r\n", 400),
                headers("Content-Length: -1", HOST + "Content-Length: -1\r\n", 400),
                headers("two different Content-Lengths", HOST + "Content-Length: 1\r\nContent-Length: 2\r\n", 400),
                headers("Content-Length: 1, 2", HOST + "Content-Length: 1, 2\r\n", 400),
                headers("Content-Length of 20 digits", HOST + "Content-Length: 99999999999999999999\r\n", 400),
                headers("Content-Length with Transfer-Encoding", HOST + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n", 400),
                headers("Transfer-Encoding: gzip", HOST + "Transfer-Encoding: gzip\r\n", 400),
                // Path traversal in every encoding: Jetty rejects ambiguous forms, the lab's exact match the rest
                get("..", "/../WEB-INF/web.xml", 400, By.JETTY, Then.CLOSED),
                get("%2e%2e", "/%2e%2e/WEB-INF/web.xml", 400, By.JETTY, Then.CLOSED),
                get("%2E%2E twice to /etc/passwd", "/%2E%2E/%2E%2E/etc/passwd", 400, By.JETTY, Then.CLOSED),
                get(".%2e", "/.%2e/WEB-INF/web.xml", 400, By.JETTY, Then.CLOSED),
                get("%u002e", "/%u002e%u002e/WEB-INF/web.xml", 400, By.JETTY, Then.CLOSED),
                get("..; path parameter", "/..;/WEB-INF/web.xml", 400, By.JETTY, Then.CLOSED),
                get("%00", "/test1.jpg%00", 400, By.JETTY, Then.CLOSED),
                get("double-encoded %252e", "/%252e%252e/WEB-INF/web.xml", 400, By.JETTY, Then.KEPT),
                get("..%2f", "/..%2fWEB-INF%2fweb.xml", 400, By.JETTY, Then.KEPT),
                get("%2f", "/%2fetc%2fpasswd", 400, By.JETTY, Then.KEPT),
                get("//", "//test1.jpg", 400, By.JETTY, Then.KEPT),
                get("backslashes", "/..\\WEB-INF\\web.xml", 400, By.JETTY, Then.KEPT),
                get("%5c", "/..%5cWEB-INF%5cweb.xml", 400, By.JETTY, Then.KEPT),
                get("overlong UTF-8 %c0%ae", "/%c0%ae%c0%ae/WEB-INF/web.xml", 400, By.JETTY, Then.KEPT),
                get(".. after a file name", "/test1.jpg/../WEB-INF/web.xml", 404, By.LAB, Then.KEPT),
                get("./", "/./WEB-INF/web.xml", 404, By.LAB, Then.KEPT),
                get("/WEB-INF/./", "/WEB-INF/./web.xml", 404, By.LAB, Then.KEPT),
                get("; path parameter on an image", "/test1.jpg;x=1", 404, By.LAB, Then.KEPT),
                get(";jsessionid on an image", "/test1.jpg;jsessionid=1", 404, By.LAB, Then.KEPT),
                // Overrides
                get("override with encoded CR LF", "/test1.jpg?connection=close%0d%0aX-Injected:%20yes", 400, By.LAB, Then.KEPT),
                get("override with an unknown word", "/test1.jpg?connection=sometimes", 400, By.LAB, Then.KEPT),
                get("override in the wrong case", "/test1.jpg?connection=Close", 400, By.LAB, Then.KEPT),
                new Case("override with a raw CR LF", "GET /test1.jpg?connection=close\r\nX-Injected: yes HTTP/1.1\r\n" + HOST + "\r\n",
                        505, By.JETTY, Then.CLOSED),
                // Query strings
                get("bad percent-encoding in the query", "/test1.jpg?load=%zz", 400, By.LAB, Then.KEPT),
                get("a lone % in the query", "/test1.jpg?connection=%", 400, By.LAB, Then.KEPT),
                get("invalid UTF-8 in the query", "/test1.jpg?connection=%C0", 400, By.LAB, Then.KEPT),
                get("a load id that is not a number", "/test1.jpg?load=abc", 400, By.LAB, Then.KEPT),
                get("a since id of 19 digits", "/connections?since=9223372036854775807", 400, By.LAB, Then.KEPT),
                get("a query string of 9,000 characters", "/test1.jpg?" + "q".repeat(9000), 414, By.JETTY, Then.CLOSED),
                get("a query string of 7,000 characters", "/test1.jpg?" + "q=1&".repeat(1750), 200, By.LAB, Then.KEPT),
                // Tolerated
                new Case("bare LF line ends", "GET /test1.jpg HTTP/1.1\nHost: localhost\n\n", 200, By.LAB, Then.KEPT),
                // A body the lab does not use: read and discarded up to 64 KiB, and the connection kept; beyond, unread and closed.
                new Case("a 3-byte body on a GET", "GET /test1.jpg HTTP/1.1\r\n" + HOST + "Content-Length: 3\r\n\r\nabc", 200, By.LAB, Then.KEPT),
                new Case("a chunked body on a GET", "GET /test1.jpg HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n"
                        + "3\r\nabc\r\n0\r\n\r\n", 200, By.LAB, Then.KEPT),
                new Case("an empty chunked body on a GET", "GET /test1.jpg HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n"
                        + "0\r\n\r\n", 200, By.LAB, Then.KEPT),
                new Case("a POST whose body over 64 KiB is still arriving", "POST /test1.jpg HTTP/1.1\r\n" + HOST + "Content-Length: 100000\r\n\r\n"
                        + "x".repeat(1000), 405, By.LAB, Then.CLOSED),
                new Case("a POST with its whole body", "POST /test1.jpg HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\n\r\nhello",
                        405, By.LAB, Then.KEPT));
    }

    static TestLab lab;
    static byte[] picture;

    @BeforeAll
    static void startLab() throws Exception {
        lab = TestLab.start(Map.of());
        picture = Files.readAllBytes(SHIPPED_PICTURE);
    }

    @AfterAll
    static void stopLab() throws Exception {
        lab.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void answeredAsDocumentedAndTheServerGoesOn(Case c) throws Exception {
        try (RawConnection connection = lab.connect()) {
            connection.send(c.request());
            RawResponse response = connection.readResponse(false);
            assertEquals(c.status(), response.status(), response.toString());
            assertEquals(c.by() == By.LAB, response.hasHeader("X-Connection-Label"), "answered by " + c.by() + ": " + response);
            assertEquals(Optional.of("nosniff"), response.header("X-Content-Type-Options"));
            assertFalse(response.headers().toString().toLowerCase(Locale.ROOT).contains("injected"), "reflected into a header: " + response);
            if (c.status() == 200) {
                assertArrayEquals(picture, response.body(), "the picture, nothing else");
            } else {
                assertEquals(Optional.of("text/plain;charset=utf-8"), response.header("Content-Type"));
                assertTrue(response.bodyText().matches("[ -~]+\n"), "one line of text: " + response.bodyText());
            }
            assertEquals(c.then() == Then.CLOSED, response.announcesClose(), "Connection: close where, and only where, it closes: " + response);
            if (c.then() == Then.CLOSED) {
                assertTrue(connection.awaitServerClose(CLOSE_WAIT), "closed after " + response);
            } else {
                assertEquals(200, connection.get("/test1.jpg").status(), "kept: a second response on the same socket");
            }
            if (c.by() == By.LAB) {
                // The record settles a moment after the client sees the close.
                Connections.Request record = LabRecord.finished(lab, response.header("X-Connection-Label").orElseThrow(), 1);
                assertEquals(c.then() == Then.CLOSED ? "closed" : "kept", record.decision(),
                        "the record says what the socket saw: " + record);
                assertEquals("complete", record.outcome());
                assertEquals(response.body().length, (long) record.bytes());
            }
        }
        assertServesThePictureOnANewConnection();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        try (RawConnection connection = lab.connect()) {
            connection.send("GET /test1.jpg HTTP/1.1\r\n" + HOST + "\r\n"
                    + "BREW / HTTP/1.1\r\n" + HOST + "\r\n"
                    + "GET / HTTP/1.1\r\n" + HOST + "\r\n"
                    + "HEAD /test2.jpg HTTP/1.1\r\n" + HOST + "\r\n"
                    + "GET /nothing-here HTTP/1.1\r\n" + HOST + "\r\n"
                    + "GET /test3.jpg HTTP/1.1\r\n" + HOST + "\r\n");
            List<RawResponse> responses = List.of(connection.readResponse(false), connection.readResponse(false),
                    connection.readResponse(false), connection.readResponse(true), connection.readResponse(false),
                    connection.readResponse(false));
            assertEquals(List.of(200, 405, 200, 200, 404, 200), responses.stream().map(RawResponse::status).toList());
            assertEquals(List.of("1", "2", "3", "4", "5", "6"),
                    responses.stream().map(r -> r.header("X-Connection-Request").orElseThrow()).toList(), "in order");
            assertEquals(1, responses.stream().map(r -> r.header("X-Connection-Label").orElseThrow()).distinct().count(), "one connection");
            assertArrayEquals(picture, responses.get(0).body());
            assertTrue(responses.get(2).bodyText().startsWith("<!DOCTYPE html>"));
            assertArrayEquals(picture, responses.get(5).body());
        }
    }

    /** A client that asks for 400 images, reads part of the first and goes: with a FIN, or a reset (SO_LINGER 0). */
    @ParameterizedTest(name = "closing with a reset: {0}")
    @ValueSource(booleans = {false, true})
    void aClientClosingMidResponseDoesNotHurtTheServer(boolean reset) throws Exception {
        int port;
        try (Socket socket = new Socket()) {
            // A small receive window and more responses than the kernel's buffers hold: the server is still writing
            // one when the client goes (with 50, loopback's autotuned buffers could take them all).
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", lab.port()));
            port = socket.getLocalPort();
            socket.getOutputStream().write(("GET /test1.jpg HTTP/1.1\r\n" + HOST + "\r\n").repeat(400).getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(1000, socket.getInputStream().readNBytes(1000).length);
            if (reset) {
                socket.setSoLinger(true, 0);
            }
        }
        assertTrue(lab.awaitOpenConnections(0, CLOSE_WAIT), "the server let go of the abandoned connection");
        Connections.Connection abandoned = LabRecord.endedFrom(lab, port);
        assertEquals("client", abandoned.closedBy(), abandoned.toString());
        assertEquals("client", abandoned.closeReason());
        List<Connections.Request> requests = LabRecord.requestsOn(lab, abandoned.label());
        Connections.Request last = requests.get(requests.size() - 1);
        assertEquals("failed", last.outcome(), "the response the client walked away from: " + last);
        assertEquals("closed/client", last.decided());
        assertTrue(last.bytes() < picture.length, last.toString());
        assertServesThePictureOnANewConnection();
    }

    static void assertServesThePictureOnANewConnection() throws Exception {
        try (RawConnection fresh = lab.connect()) {
            RawResponse response = fresh.get("/test1.jpg");
            assertEquals(200, response.status());
            assertArrayEquals(picture, response.body());
        }
    }
}
