package dev.keepalivelab.wire;

import dev.keepalivelab.lab.KeepAliveLab;
import dev.keepalivelab.support.Await;
import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.ExternalTool;
import dev.keepalivelab.support.LabRecord;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawConnection.End;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.keepalivelab.support.LabRecord.finished;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST} and {@code PUT /submit}: a request with a body, counted, bounded, recorded, and open to faults. */
class SubmitWireTest {
    static final long LIMIT = KeepAliveLab.MAX_SUBMIT_BYTES;

    static String withLength(String method, long length) {
        return method + " /submit HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + length + "\r\n\r\n" + "x".repeat((int) length);
    }

    @ParameterizedTest(name = "{0} /submit with {1} bytes: 200, counted, the connection kept")
    @CsvSource({"POST, 0", "POST, 1000", "PUT, 1000", "POST, 1048576"})
    void aBodyUpToTheLimitIsCountedAndTheConnectionKept(String method, long length) throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            connection.send(withLength(method, length));
            RawResponse response = connection.readResponse(false);
            assertEquals(200, response.status(), response.toString());
            assertEquals("Received " + length + " bytes.", response.bodyText().trim());
            assertEquals(200, connection.get("/test1.jpg").status(), "the next request on the same socket");
            Connections.Request request = finished(lab, "c1", 1);
            assertEquals(method, request.method());
            assertEquals("/submit", request.path());
            assertEquals("kept/policy", request.decided());
        }
    }

    /** A body sent after {@code 100 Continue}: the record and the log count the final response's body, not the interim one. */
    @Test
    void aBodySentAfter100ContinueIsCountedAndTheRecordCountsOnlyTheResponseBody() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            connection.send("POST /submit HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            assertTrue(connection.readHead().startsWith("HTTP/1.1 100 "), "the server asks for the body");
            connection.send("hello");
            RawResponse response = connection.readResponse(false);
            assertEquals("Received 5 bytes.", response.bodyText().trim());
            assertEquals(Long.valueOf(response.body().length), finished(lab, "c1", 1).bytes(), "the record's body bytes");
        }
    }

    /** Over the limit after {@code 100 Continue}, chunked: the record counts the 413's body, as the socket carried it. */
    @Test
    void aChunkedBodyOverTheLimitAfter100ContinueIsCountedAsThe413sBody() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            connection.send("POST /submit HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n");
            assertTrue(connection.readHead().startsWith("HTTP/1.1 100 "), "the server asks for the body");
            String chunk = Long.toHexString(LIMIT + 1) + "\r\n" + "x".repeat((int) LIMIT + 1) + "\r\n0\r\n\r\n";
            connection.send(chunk);
            RawResponse response = connection.readResponse(false);
            assertEquals(413, response.status(), response.toString());
            assertEquals(Long.valueOf(response.body().length), finished(lab, "c1", 1).bytes(), "the record's body bytes");
        }
    }

    /** Form bodies the servlet container would try to read as parameters (curl's default type for --data-binary). */
    static Stream<Arguments> formBodies() {
        byte[] random = new byte[1000];
        new Random(20261206).nextBytes(random);
        return Stream.of(Arguments.of("300 KB of a", "a".repeat(300_000)),
                Arguments.of("random bytes", new String(random, StandardCharsets.ISO_8859_1)),
                Arguments.of("bytes that are not percent-encoding", "%zz%C0+&=%"),
                Arguments.of("the lab's own parameters", "connection=close&fault=reset"));
    }

    /** The lab's query comes from the query string alone: a form body is counted, never read as parameters. */
    @ParameterizedTest(name = "a form body of {0}: counted, not parsed")
    @MethodSource("formBodies")
    void aFormBodyIsCountedNotParsed(String name, String body) throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            connection.send("POST /submit HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body);
            RawResponse response = connection.readResponse(false);
            assertEquals(200, response.status(), response.toString());
            assertEquals("Received " + body.length() + " bytes.", response.bodyText().trim());
            assertEquals(200, connection.get("/test1.jpg").status(), "the next request on the same socket: nothing closed or reset it");
            assertEquals("kept/policy", finished(lab, "c1", 1).decided());
        }
    }

    @Test
    void aChunkedBodyIsCountedToo() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            connection.send("PUT /submit HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
            RawResponse response = connection.readResponse(false);
            assertEquals("Received 11 bytes.", response.bodyText().trim());
            assertEquals(200, connection.get("/test1.jpg").status());
        }
    }

    @Test
    void aDeclaredLengthAboveTheLimitIs413UnreadAndTheConnectionCloses() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            connection.send("POST /submit HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + (LIMIT + 1) + "\r\n\r\nxyz");
            RawResponse response = connection.readResponse(false);
            assertEquals(413, response.status());
            assertEquals("Request body too large: /submit takes at most " + LIMIT + " bytes.", response.bodyText().trim());
            connection.awaitEnd();
            assertEquals("closed/unread-body", finished(lab, "c1", 1).decided());
        }
    }

    @Test
    void aChunkedBodyAboveTheLimitIs413AndTheConnectionCloses() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            String chunk = "x".repeat(65536);
            StringBuilder request = new StringBuilder("POST /submit HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i <= LIMIT / chunk.length(); i++) {
                request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
            }
            connection.send(request.append("0\r\n\r\n").toString());
            RawResponse response = connection.readResponse(false);
            assertEquals(413, response.status());
            assertEquals(Optional.of("close"), response.header("Connection"), "the 413 says the connection closes");
            assertEquals(End.FIN, connection.awaitEnd(), "and it does");
            assertEquals("closed/unread-body", finished(lab, "c1", 1).decided());
        }
    }

    /**
     * Over HTTP/2 (curl), a body over the limit: the whole 413 reaches the client, then the server resets the stream to
     * stop the upload; the record says the response was whole, with its body bytes, and the connection stays.
     */
    @Test
    void overHttp2ABodyAboveTheLimitGetsAWhole413AndTheRecordSaysSo(@TempDir Path dir) throws Exception {
        Path curl = ExternalTool.require("curl", "curl");
        Path body = Files.write(dir.resolve("body"), new byte[(int) LIMIT + 1]);
        try (TestLab lab = TestLab.start(Map.of(), TestLab.httpsSettings())) {
            Process process = new ProcessBuilder(curl.toString(), "-sk", "--http2", "-o", "/dev/null",
                    "-w", "%{http_code} %{http_version} %{size_download}", "--data-binary", "@" + body,
                    "https://127.0.0.1:" + lab.httpsPort() + "/submit").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "curl finished");
            String[] got = out.split(" ");
            assertEquals("413 2", got[0] + " " + got[1], "status and HTTP version: " + out);
            Connections.Request request = finished(lab, "c1", 1);
            assertEquals("complete", request.outcome(), "the client got the whole 413");
            assertEquals(Long.valueOf(got[2]), request.bytes(), "the record's body bytes are what curl downloaded");
            assertEquals("kept/policy", request.decided(), "one stream's body ends the stream, not the connection");
        }
    }

    /**
     * An upload the client abandons, by FIN or RST after 1,000 of 100,000 bytes, is still a request in the record, on
     * a connection that ended: the lab answers it 400 (whether or not the answer reaches anyone). The client waits for
     * 100 Continue first, so that the server has the request before the end: a reset that comes sooner discards it
     * in the kernel, unseen by any server.
     */
    @ParameterizedTest(name = "an upload abandoned by {0} is recorded with its connection")
    @CsvSource({"FIN", "RST"})
    void anAbandonedUploadIsRecordedWithItsConnection(End how) throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            RawConnection connection = lab.connect();
            connection.send("POST /submit HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Length: 100000\r\n\r\n");
            assertTrue(connection.readHead().startsWith("HTTP/1.1 100 "), "the server is reading the body");
            connection.send("x".repeat(1000));
            if (how == End.RST) {
                connection.reset();
            } else {
                connection.close();
            }
            // By path, not by label: the record's reader may take c1 first when the upload's answer comes after it.
            Connections.Request request = Await.until("the abandoned upload in the record", TestLab.CLOSE_WAIT,
                    () -> LabRecord.read(lab).requests().stream().filter(r -> r.path().equals("/submit")).findFirst(),
                    found -> found.isPresent() && found.get().finished()).orElseThrow();
            assertEquals("POST 400", request.method() + " " + request.status());
            assertTrue(request.decided().startsWith("closed/"), request.decided());
            assertTrue(LabRecord.ended(lab, request.connection()).ended(), "its connection is in the record, ended");
        }
    }

    @Test
    void submitTakesPostAndPutOnly() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            RawResponse response = connection.get("/submit");
            assertEquals(405, response.status());
            assertEquals(Optional.of("POST, PUT"), response.header("Allow"));
            assertEquals(Optional.of("GET, HEAD"), connection.exchange("DELETE", "/test1.jpg", "HTTP/1.1").header("Allow"));
        }
    }

    @Test
    void aFaultAppliesToASubmitAsToAnyRequest() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            connection.send(withLength("POST", 10).replace("/submit", "/submit?fault=close-on-reuse"));
            assertEquals(200, connection.readResponse(false).status());
            connection.send(withLength("POST", 10));
            assertEquals(End.FIN, connection.awaitEnd(), "the retried-or-not POST meets a stale connection");
            Connections.Request sprung = finished(lab, "c1", 2);
            assertEquals("POST", sprung.method());
            assertNull(sprung.status());
            assertEquals("closed/fault/close-on-reuse", sprung.decided());
        }
    }
}
