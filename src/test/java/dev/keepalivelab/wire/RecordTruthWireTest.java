package dev.keepalivelab.wire;

import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.support.AccessLogFile;
import dev.keepalivelab.support.Await;
import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.LabRecord;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.StalledClient;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.keepalivelab.support.AccessLogFile.awaitLines;
import static dev.keepalivelab.support.TestLab.CLOSE_WAIT;
import static dev.keepalivelab.support.TestLab.IMAGE_BYTES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code /connections} and the access log say about a request and its connection is what a raw socket saw:
 * every close (whoever made it, whatever the lab had decided), every byte, every response cut short.
 */
class RecordTruthWireTest {
    /** The access log's size field and the lab's fields: {@code 200 31548 "-" "-" c1 1 kept/policy http/1.1}. */
    static final Pattern LOGGED = Pattern.compile("\" (\\d{3}) (\\S+) \"[^\"]*\" \"[^\"]*\" (\\S+) (\\S+) (\\S+) http/1\\.1$");

    record Logged(int status, String bytes, String label, String index, String outcome) {
        static Logged parse(String line) {
            Matcher m = LOGGED.matcher(line);
            assertTrue(m.find(), line);
            return new Logged(Integer.parseInt(m.group(1)), m.group(2), m.group(3), m.group(4), m.group(5));
        }
    }

    /**
     * The line of the request that starts {@code requestLine} (such as {@code "OPTIONS *}). Lines are written as
     * responses finish, so a later request's line can come first.
     */
    static Logged loggedLine(Path dir, String requestLine) throws Exception {
        List<String> lines = Await.until("a line for " + requestLine, CLOSE_WAIT, () -> awaitLines(dir.resolve("access.log"), 1),
                found -> found.stream().anyMatch(line -> line.contains("\"" + requestLine)));
        return Logged.parse(lines.stream().filter(line -> line.contains("\"" + requestLine)).findFirst().orElseThrow());
    }

    /**
     * Requests whose body stays unread (after {@code Expect: 100-continue}, or over the 64 KiB the lab discards): the
     * lab's answer says it closes, and Jetty closes rather than read what is left. The socket sees EOF, so the record
     * says closed, not kept.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            GET with Expect: 100-continue and a small body not sent | GET  | Expect: 100-continue | 5      | 0    | 200 | close
            POST whose body is still arriving                       | POST |                      | 100000 | 1000 | 405 | close
            """)
    void aBodyLeftUnreadClosesTheConnectionAndIsRecordedSo(String name, String method, String expect, int contentLength,
                                                           int bodySent, int status, String connectionHeader, @TempDir Path dir)
            throws Exception {
        try (TestLab lab = TestLab.start(Map.of(), AccessLogFile.settings(dir))) {
            RawResponse response;
            try (RawConnection connection = lab.connect()) {
                connection.send(method + " /test1.jpg HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + contentLength + "\r\n"
                        + (expect == null ? "" : expect + "\r\n") + "\r\n" + "x".repeat(bodySent));
                response = connection.readResponse(false);
                assertEquals(status, response.status());
                assertTrue(connection.awaitServerClose(CLOSE_WAIT), "the server closes after the response");
                assertEquals(Optional.ofNullable(connectionHeader), response.header("Connection"),
                        "the response announces the close: " + response);
                // Jetty closes, then finishes the exchange: the record settles a moment after the client sees EOF.
                Connections.Connection closed = LabRecord.ended(lab, "c1");
                Connections.Request request = LabRecord.requestsOn(lab, "c1").get(0);
                assertEquals("closed/unread-body", request.decided());
                assertEquals("complete", request.outcome());
                assertEquals(response.body().length, (long) request.bytes());
                assertTrue(closed.closed());
                assertEquals("server", closed.closedBy());
                assertEquals("unread-body", closed.closeReason());
            }
            Logged logged = loggedLine(dir, method + " /test1.jpg ");
            assertEquals(new Logged(status, Integer.toString(response.body().length), "c1", "1", "closed/unread-body"), logged);
        }
    }

    /**
     * A small body the lab does not use is waited for, read and discarded, whether or not it had arrived with the
     * head: the connection is kept, and carries the next request.
     */
    @Test
    void aSmallBodyThatArrivesAfterItsHeadIsWaitedForAndTheConnectionKept() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            connection.send("GET /test1.jpg HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\n");
            // Pacing, not synchronising: the head is served before the body comes, and the answer must wait for it.
            Thread.sleep(200);
            connection.send("hello");
            RawResponse first = connection.readResponse(false);
            assertEquals(200, first.status());
            assertFalse(first.announcesClose(), "the body was read: the connection stays: " + first);
            assertEquals(200, connection.get("/test2.jpg").status(), "the next request on the same connection");
            assertEquals("kept/policy", LabRecord.finishedOn(lab, "c1", 2).get(0).decided());
        }
    }

    /**
     * Whether the body was read is what the serving path did, not what the lab guesses from the head again: with an
     * {@code Expect} header over two lines, the first not {@code 100-continue}, the body is read, and the connection kept.
     */
    @Test
    void aBodyReadDespiteALaterExpectLineKeepsTheConnection() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            connection.send("GET /test1.jpg HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nExpect: \r\n"
                    + "Expect: 100-continue\r\n\r\nhello");
            RawResponse first = connection.readResponse(false);
            if (first.status() == 100) {
                first = connection.readResponse(false); // The servlet engine's read of the body asks for it.
            }
            assertEquals(200, first.status(), first.toString());
            assertFalse(first.announcesClose(), "the body was read: the connection stays: " + first);
            assertEquals(200, connection.get("/test2.jpg").status(), "the next request on the same connection");
            assertEquals("kept/policy", LabRecord.finishedOn(lab, "c1", 2).get(0).decided());
        }
    }

    /**
     * A small body that stops before its end is waited for up to the request timeout, then recorded as incomplete; on
     * {@code /submit}, whose GET is not allowed, too: the body comes first.
     */
    @ParameterizedTest(name = "GET {0}")
    @CsvSource({"/test1.jpg", "/submit"})
    void aSmallBodyThatStopsIsAnsweredAsIncompleteAtTheRequestTimeoutAndTheConnectionCloses(String path) throws Exception {
        ServerSettings server = ServerSettings.of("127.0.0.1", 0, TestLab.DEFAULT_IDLE_TIMEOUT)
                .with(Setting.ENGINE, TestLab.ENGINE.value()).with(Setting.REQUEST_TIMEOUT, "300ms");
        try (TestLab lab = TestLab.start(Map.of(), server); RawConnection connection = lab.connect()) {
            connection.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nabc");
            RawResponse response = connection.readResponse(false);
            assertEquals(400, response.status(), response.toString());
            assertEquals(Optional.of("close"), response.header("Connection"), "the answer announces the close: " + response);
            assertTrue(connection.awaitServerClose(CLOSE_WAIT), "then the server closes");
            String label = response.header("X-Connection-Label").orElseThrow();
            Connections.Request request = LabRecord.finished(lab, label, 1);
            assertEquals(400, request.status(), request.toString());
            assertEquals("closed/unread-body", request.decided());
            assertEquals("server", LabRecord.ended(lab, label).closedBy());
        }
    }

    /** A client that stops reading stalls the response until the request timeout cuts it: recorded as failed, short. */
    @Test
    void aResponseCutByTheRequestTimeoutIsRecordedAsFailedWithTheBytesTheSocketTook(@TempDir Path dir) throws Exception {
        ServerSettings server = AccessLogFile.settings(dir).with(Setting.REQUEST_TIMEOUT, "300ms");
        try (TestLab lab = TestLab.start(Map.of(), server); Socket stalled = StalledClient.open(lab.port())) {
            int port = stalled.getLocalPort();
            Connections.Connection connection = LabRecord.endedFrom(lab, port);
            String label = connection.label();
            assertEquals("server", connection.closedBy(), connection.toString());
            assertEquals("request-timeout", connection.closeReason());
            List<Connections.Request> images = LabRecord.requestsOn(lab, label);
            Connections.Request cut = images.get(images.size() - 1);
            assertEquals("failed", cut.outcome(), cut.toString());
            assertEquals("closed/request-timeout", cut.decided());
            assertTrue(cut.bytes() < IMAGE_BYTES, "a cut response took fewer bytes than the image: " + cut);
            for (Connections.Request whole : images.subList(0, images.size() - 1)) {
                assertEquals("complete", whole.outcome(), "responses before the cut went out whole");
                assertEquals(IMAGE_BYTES, (long) whole.bytes());
            }
            // The record's own requests for /connections write lines too: wait for the cut request's line itself.
            Logged logged = Await.until("the cut request's line", CLOSE_WAIT,
                    () -> awaitLines(dir.resolve("access.log"), images.size()).stream().map(Logged::parse)
                            .filter(line -> line.label().equals(label) && line.index().equals(Integer.toString(cut.index())))
                            .findFirst(), java.util.Optional::isPresent).orElseThrow();
            assertEquals("closed/request-timeout", logged.outcome());
            assertEquals(Long.toString(cut.bytes()), logged.bytes());
        }
    }

    @Test
    void theIdleTimeoutEndsAKeptConnectionAndTheRecordSaysSo() throws Exception {
        ServerSettings server = ServerSettings.of("127.0.0.1", 0, Duration.ofMillis(300)).with(Setting.ENGINE, TestLab.ENGINE.value());
        try (TestLab lab = TestLab.start(Map.of(), server); RawConnection connection = lab.connect()) {
            connection.get("/test1.jpg");
            assertTrue(connection.awaitServerClose(CLOSE_WAIT), "the idle timeout closes the connection");
            Connections json = LabRecord.read(lab);
            assertEquals("kept", json.requests().get(0).decision(), "the response kept it");
            Connections.Connection ended = json.connections().get(0);
            assertTrue(ended.closed());
            assertEquals("server", ended.closedBy());
            assertEquals("idle-timeout", ended.closeReason());
        }
    }

    @ParameterizedTest(name = "client {0}")
    @CsvSource({"closes, false", "resets, true"})
    void aClientThatEndsItsConnectionIsRecordedAsTheCloser(String name, boolean reset) throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            RawConnection connection = lab.connect();
            connection.get("/test1.jpg");
            int port = connection.localPort();
            if (reset) {
                connection.reset();
            } else {
                connection.close();
            }
            Connections.Connection ended = LabRecord.endedFrom(lab, port);
            assertEquals("client", ended.closedBy());
            assertEquals("client", ended.closeReason());
        }
    }

    /** Jetty's own error responses: the log's size is the body bytes the client got, not 0. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an ambiguous path           | GET /a//b HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n
            no Host header              | GET / HTTP/1.1\\r\\n\\r\\n
            authority other than Host   | GET http://one.test/ HTTP/1.1\\r\\nHost: two.test\\r\\n\\r\\n
            """)
    void jettysOwnErrorsAreLoggedWithTheirRealSize(String name, String request, @TempDir Path dir) throws Exception {
        try (TestLab lab = TestLab.start(Map.of(), AccessLogFile.settings(dir)); RawConnection connection = lab.connect()) {
            connection.send(request.replace("\\r\\n", "\r\n"));
            RawResponse response = connection.readResponse(false);
            assertEquals(400, response.status());
            assertTrue(response.body().length > 0);
            assertEquals(new Logged(400, Integer.toString(response.body().length), "-", "-", "-"), loggedLine(dir, "GET /"));
        }
    }

    /** {@code OPTIONS *} is the lab's 405 on both engines: a servlet context cannot be mapped to {@code *} by itself. */
    @Test
    void optionsAsteriskIsTheLabsMethodNotAllowed(@TempDir Path dir) throws Exception {
        try (TestLab lab = TestLab.start(Map.of(), AccessLogFile.settings(dir)); RawConnection connection = lab.connect()) {
            RawResponse response = connection.exchange("OPTIONS", "*", "HTTP/1.1");
            assertEquals(405, response.status());
            assertEquals(Optional.of("GET, HEAD"), response.header("Allow"));
            assertEquals(Optional.of("nosniff"), response.header("X-Content-Type-Options"));
            assertEquals(Optional.of("c1"), response.header("X-Connection-Label"));
            assertEquals("Method not allowed: use GET, HEAD.\n", response.bodyText());
            Connections.Request request = LabRecord.read(lab).requests().get(0);
            assertEquals("*", request.path());
            assertEquals("OPTIONS", request.method());
            Logged logged = loggedLine(dir, "OPTIONS * ");
            assertEquals(Integer.toString(response.body().length), logged.bytes());
            assertFalse(logged.outcome().equals("-"), "the lab answered it");
        }
    }
}
