package dev.keepalivelab.wire;

import dev.keepalivelab.server.socket.GoAway;
import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.ExternalTool;
import dev.keepalivelab.support.LabRecord;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawH2Connection;
import dev.keepalivelab.support.RawH2Connection.Frame;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static dev.keepalivelab.support.TestLab.CLOSE_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lab's GOAWAY in RFC 9113's graceful shutdown: as soon as the request that reaches a rule arrives, before that
 * request's response, a notice (last stream 2^31-1) and a PING; at the PING's ACK the final GOAWAY names the highest
 * stream the client has opened, so that no stream it sent before it saw the notice is refused; the streams it covers
 * then finish at their client's pace, and only then does the connection close. Proven on raw frames and with curl.
 */
class Http2GoAwayWireTest {
    private static final String LIMIT = "5";
    private static final int MAX_REQUESTS = Integer.parseInt(LIMIT);

    /** h2 over TLS to the HTTPS port, or h2c by prior knowledge. */
    enum Transport {
        H2, H2C;

        /** With windows large enough that no response waits for a WINDOW_UPDATE. */
        RawH2Connection connect(TestLab lab) throws Exception {
            Map<Integer, Integer> windows = Map.of(RawH2Connection.SETTINGS_INITIAL_WINDOW_SIZE, 1 << 20);
            RawH2Connection h2 = this == H2 ? RawH2Connection.overTls(lab.connectTls("h2"), windows)
                    : RawH2Connection.priorKnowledge(lab.port(), windows);
            h2.windowUpdate(0, 1 << 24);
            return h2;
        }
    }

    /**
     * The notice (GOAWAY, last stream 2^31-1) leaves before the response of the request that reaches the limit, a PING
     * after it; once the client answers the PING, the final GOAWAY names the highest stream it opened.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void theGoAwayLeavesBeforeTheResponseOfTheRequestThatReachesTheLimit(Transport transport) throws Exception {
        try (TestLab lab = lab(); RawH2Connection h2 = transport.connect(lab)) {
            int stream = 1;
            for (int i = 1; i < MAX_REQUESTS; i++, stream += 2) {
                h2.get(stream, "/test1.jpg");
                awaitEnd(h2, stream);
            }
            assertFalse(h2.goneAway(), "GOAWAY before the request that reaches the limit");
            h2.get(stream, "/test1.jpg");
            Frame notice = h2.awaitGoAway(CLOSE_WAIT);
            Frame last = h2.awaitFinalGoAway(CLOSE_WAIT);
            awaitEnd(h2, stream);
            List<Frame> frames = h2.received();
            int limitStream = stream;
            int headersAt = indexOf(frames, f -> f.is(RawH2Connection.HEADERS, limitStream));
            assertTrue(frames.indexOf(notice) < headersAt, "GOAWAY before the HEADERS of stream " + stream + ": " + frames);
            assertNotice(notice);
            assertTrue(frames.indexOf(notice) < indexOf(frames, Frame::isPingToAnswer), "the PING after the notice: " + frames);
            assertEquals(stream, last.lastStreamId(), "the last stream is the highest the client opened");
            assertEquals(0, last.errorCode(), "NO_ERROR");
            assertEquals("max-requests", last.debugData());
            assertTrue(h2.awaitClose(CLOSE_WAIT).isPresent(), "closed once its last stream is answered");
            assertEquals(0, h2.count(f -> f.type() == RawH2Connection.RST_STREAM), "no stream refused: " + frames);
        }
    }

    /**
     * Streams the client sends after the notice, before it answers the PING (what a browser has on the wire when the
     * notice reaches it), are taken: the final GOAWAY, which leaves only at the PING's ACK, names the last of them, and
     * each is answered 200 and recorded on the connection.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void streamsSentBeforeTheClientAnswersThePingAreAnswered(Transport transport) throws Exception {
        try (TestLab lab = lab(); RawH2Connection h2 = transport.connect(lab)) {
            int limit = noticedWithThePingUnanswered(h2);
            Frame ping = h2.await(Frame::isPingToAnswer, CLOSE_WAIT);
            List<Integer> late = List.of(limit + 2, limit + 4);
            for (int stream : late) {
                h2.get(stream, "/test1.jpg");
                awaitEnd(h2, stream);
            }
            assertEquals(0, h2.count(Frame::isFinalGoAway), "no final GOAWAY before the PING's ACK: " + h2.received());
            assertTrue(h2.answer(ping));
            Frame last = h2.awaitFinalGoAway(CLOSE_WAIT);
            assertEquals(late.get(late.size() - 1), last.lastStreamId(), "the final GOAWAY covers the streams sent before the ACK");
            List<Frame> frames = h2.received();
            assertTrue(frames.indexOf(ping) < frames.indexOf(last), "the final GOAWAY after the PING: " + frames);
            for (int stream : late) {
                assertEquals((byte) 0x88, h2.await(f -> f.is(RawH2Connection.HEADERS, stream), CLOSE_WAIT).payload()[0],
                        ":status 200 on stream " + stream);
                assertEquals(TestLab.IMAGE_BYTES, body(h2, stream).length, "stream " + stream + " whole");
            }
            assertTrue(h2.awaitClose(CLOSE_WAIT).isPresent(), "closed once its last stream is answered");
            assertEquals(0, h2.count(f -> f.type() == RawH2Connection.RST_STREAM), "no stream refused: " + frames);
            for (int stream : late) {
                Connections.Request request = recordedStream(lab, h2, stream, MAX_REQUESTS + late.size());
                assertEquals(200, request.status());
                assertEquals("complete", request.outcome());
            }
        }
    }

    /**
     * A client that never answers the PING still gets the final GOAWAY after {@link GoAway#ACK_WAIT}, and is closed; until
     * then the lab waits, so a stream the client opens after the notice is still answered and named as the last.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aClientThatNeverAnswersThePingIsClosedAfterTheWait(Transport transport) throws Exception {
        try (TestLab lab = lab(); RawH2Connection h2 = transport.connect(lab)) {
            int limit = noticedWithThePingUnanswered(h2);
            int after = limit + 2;
            h2.get(after, "/test2.jpg");
            h2.await(f -> f.is(RawH2Connection.HEADERS, after), CLOSE_WAIT);
            Frame last = h2.awaitFinalGoAway(GoAway.ACK_WAIT.plus(CLOSE_WAIT));
            assertEquals(after, last.lastStreamId(), "the final GOAWAY waited for the ACK and names the stream opened meanwhile");
            assertTrue(h2.awaitClose(CLOSE_WAIT).isPresent(), "closed after the final GOAWAY");
        }
    }

    /**
     * Once the last stream the final GOAWAY covers is answered, the connection stays open for {@link GoAway#CLOSE_GRACE}
     * (a client that has read a response but not yet handed it over would lose it to an EOF that came first), then the
     * lab shuts its output, to a client that never closes.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void theConnectionStaysOpenForTheGraceAfterTheLastResponse(Transport transport) throws Exception {
        try (TestLab lab = lab(); RawH2Connection h2 = transport.connect(lab)) {
            int last = getUpToTheLimit(h2, 1, MAX_REQUESTS);
            assertEquals(last, h2.awaitFinalGoAway(CLOSE_WAIT).lastStreamId());
            awaitEnd(h2, last);
            long answered = System.nanoTime();
            OptionalLong closed = h2.awaitClose(GoAway.CLOSE_GRACE.plus(CLOSE_WAIT));
            assertTrue(closed.isPresent(), "closed after the wait");
            Duration open = Duration.ofNanos(closed.getAsLong() - answered);
            assertTrue(open.compareTo(GoAway.CLOSE_GRACE.dividedBy(2)) > 0,
                    "the connection stayed open for the grace, then closed; it closed " + open.toMillis() + " ms after the last response");
            assertEquals(RawConnection.End.FIN, h2.end(), "a FIN, not a reset");
        }
    }

    /**
     * A POST opened before the limit sends its body in pieces 1.5 s apart: the GOAWAY covers it, and it is answered
     * whole however long its client takes between pieces (within the idle timeout, as on any stream).
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aSlowUploadTheGoAwayCoversIsAnswered(Transport transport) throws Exception {
        byte[] piece = "x".repeat(100).getBytes(StandardCharsets.US_ASCII);
        int pieces = 3;
        try (TestLab lab = lab(); RawH2Connection h2 = transport.connect(lab)) {
            h2.post(1, "/submit", piece.length * pieces);
            h2.data(1, piece, false);
            int last = getUpToTheLimit(h2, 3, MAX_REQUESTS); // the upload counts once its body is in
            Frame goAway = h2.awaitFinalGoAway(CLOSE_WAIT);
            assertEquals(last, goAway.lastStreamId(), "the last stream is the highest the client opened");
            for (int i = 2; i <= pieces; i++) {
                Thread.sleep(1500); // the client's pace under test, not synchronisation
                assertTrue(h2.data(1, piece, i == pieces), "the connection is open for piece " + i);
            }
            awaitEnd(h2, 1);
            assertEquals((byte) 0x88, h2.await(f -> f.is(RawH2Connection.HEADERS, 1), CLOSE_WAIT).payload()[0], ":status 200");
            assertEquals("Received " + piece.length * pieces + " bytes.\n", new String(body(h2, 1), StandardCharsets.UTF_8));
            assertTrue(h2.awaitClose(CLOSE_WAIT).isPresent(), "closed once the upload is answered");
            Connections.Request upload = recordedStream(lab, h2, 1, MAX_REQUESTS + 1);
            assertEquals(200, upload.status());
            assertEquals("complete", upload.outcome());
        }
    }

    /** A response delayed by its fault beyond the old 1 s after GOAWAY, beside the limit, is answered whole. */
    @Test
    void aDelayedResponseBesideTheLimitIsAnswered() throws Exception {
        try (TestLab lab = lab(); RawH2Connection h2 = Transport.H2C.connect(lab)) {
            String delayed = "/test1.jpg?fault=delay=2500ms";
            h2.get(1, delayed);
            int last = getUpToTheLimit(h2, 3, MAX_REQUESTS - 1);
            assertEquals(last, h2.awaitFinalGoAway(CLOSE_WAIT).lastStreamId());
            awaitEnd(h2, 1);
            assertEquals(TestLab.IMAGE_BYTES, body(h2, 1).length, "the delayed response, whole");
            assertTrue(h2.awaitClose(CLOSE_WAIT).isPresent());
            assertEquals("complete", recordedStream(lab, h2, 1, MAX_REQUESTS).outcome());
        }
    }

    /** curl 7.88 over h2: twelve sequential requests under max requests 5 are all answered, on three connections. */
    @Test
    void curlGetsAllTwelveSequentialRequestsOverHttp2() throws Exception {
        Path curl = ExternalTool.require("curl", "curl");
        int requests = 12;
        try (TestLab lab = lab()) {
            List<String> command = new ArrayList<>(List.of(curl.toString(), "-sk", "--http2", "-w", "%{http_code} %{http_version}\\n"));
            for (int i = 0; i < requests; i++) {
                command.addAll(List.of("-o", "/dev/null", "https://127.0.0.1:" + lab.httpsPort() + "/test1.jpg"));
            }
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "curl finished");
            assertEquals(Collections.nCopies(requests, "200 2"), out.lines().toList(), "each request's status and HTTP version");
            Connections record = LabRecord.read(lab);
            assertEquals(List.of(2, 5, 5), record.connections().stream().filter(c -> c.protocol().equals("h2"))
                    .map(Connections.Connection::requests).sorted().toList(), "requests on each connection");
        }
    }

    /** GETs up to the limit from a client that does not answer PINGs, until the notice; the last stream. */
    private static int noticedWithThePingUnanswered(RawH2Connection h2) throws Exception {
        h2.withholdPingAcks();
        int limit = getUpToTheLimit(h2, 1, MAX_REQUESTS);
        assertNotice(h2.awaitGoAway(CLOSE_WAIT));
        return limit;
    }

    private static void assertNotice(Frame notice) {
        assertEquals(RawH2Connection.GRACEFUL_LAST_STREAM, notice.lastStreamId(), "the notice names no last stream yet");
        assertEquals(0, notice.errorCode(), "NO_ERROR");
        assertEquals("max-requests", notice.debugData());
    }

    private static TestLab lab() throws Exception {
        return TestLab.start(Map.of("maxRequestsPerConnection", LIMIT), TestLab.httpsSettings());
    }

    /** {@code count} GETs on streams from {@code first}, each answered before the next; the last stream. */
    private static int getUpToTheLimit(RawH2Connection h2, int first, int count) throws Exception {
        int stream = first;
        for (int i = 1; i <= count; i++, stream += 2) {
            h2.get(stream, "/test1.jpg");
            awaitEnd(h2, stream);
        }
        return stream - 2;
    }

    private static void awaitEnd(RawH2Connection h2, int stream) throws InterruptedException {
        h2.await(f -> f.stream() == stream && (f.flags() & RawH2Connection.FLAG_END_STREAM) != 0
                && (f.type() == RawH2Connection.DATA || f.type() == RawH2Connection.HEADERS), CLOSE_WAIT);
    }

    private static byte[] body(RawH2Connection h2, int stream) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        h2.received().stream().filter(f -> f.is(RawH2Connection.DATA, stream)).forEach(f -> body.writeBytes(f.payload()));
        return body.toByteArray();
    }

    private static int indexOf(List<Frame> frames, java.util.function.Predicate<Frame> which) {
        for (int i = 0; i < frames.size(); i++) {
            if (which.test(frames.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such frame: " + frames);
    }

    /** The record of {@code stream} on the client's connection, once its {@code requests} have finished. */
    private static Connections.Request recordedStream(TestLab lab, RawH2Connection h2, int stream, int requests) throws Exception {
        Connections.Connection connection = LabRecord.endedFrom(lab, h2.localPort());
        return LabRecord.finishedOn(lab, connection.label(), requests).stream()
                .filter(r -> r.stream() == stream).findFirst().orElseThrow();
    }
}
