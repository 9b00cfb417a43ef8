package dev.keepalivelab.wire;

import dev.keepalivelab.server.LabServer;
import dev.keepalivelab.support.Await;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawH2Connection;
import dev.keepalivelab.support.RawH2Connection.Frame;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.hpack.HpackDecoder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.Graceful;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.keepalivelab.support.TestLab.CLOSE_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A graceful stop loses nothing a client sent before it could know of the stop: HTTP/2 streams that reach the server
 * after the stop began are served, not answered 503, and the stop's GOAWAY then names them; on HTTP/1.1 the next
 * request on a kept connection is answered with {@code Connection: close}; new connections are refused at the socket;
 * and a connection whose client had not yet sent its preface gets the server's SETTINGS before any GOAWAY (RFC 9113,
 * 3.4). Each case stops the lab in-process while a stream is held open by the client's small window, so that the stop
 * is under way, and not over, when the client sends.
 */
class GracefulStopWireTest {
    /** A stream window the held response (31548 bytes) cannot get through: it waits for the client's WINDOW_UPDATE. */
    private static final int SMALL_WINDOW = 1024;
    private static final int OPEN_WINDOW = 1 << 20;
    /** The tenth stream of the client's. */
    private static final int LAST_STREAM = 19;
    private static final Duration STOP_BOUND = LabServer.STOP_TIMEOUT.plus(CLOSE_WAIT);

    /** h2 over TLS to the HTTPS port, or h2c by prior knowledge. */
    enum Transport {
        H2, H2C;

        RawH2Connection connect(TestLab lab, int window) throws Exception {
            Map<Integer, Integer> settings = Map.of(RawH2Connection.SETTINGS_INITIAL_WINDOW_SIZE, window);
            return this == H2 ? RawH2Connection.overTls(lab.connectTls("h2"), settings)
                    : RawH2Connection.priorKnowledge(lab.port(), settings);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void streamsSentBeforeTheClientSawTheStopAreServedNot503(Transport transport) throws Exception {
        try (TestLab lab = TestLab.startHttps(); RawH2Connection h2 = transport.connect(lab, SMALL_WINDOW)) {
            h2.get(1, "/test1.jpg");
            h2.await(f -> f.is(RawH2Connection.HEADERS, 1), CLOSE_WAIT);
            // The stop's notice comes with a PING; its ACK, after the late streams, tells the lab the client saw it.
            h2.withholdPingAcks();
            CompletableFuture<Void> stopped = stopInBackground(lab.server());

            // Nine more, ten at once, sent without reading the socket: the client has not seen the stop's GOAWAY.
            Map<Integer, String> late = new LinkedHashMap<>();
            for (int stream = 3; stream <= LAST_STREAM; stream += 2) {
                late.put(stream, stream == 3 ? "/" : "/test" + (1 + stream % 7) + ".jpg");
            }
            assertTrue(h2.getAll(late), "the connection is open after the stop began");
            h2.answer(h2.await(Frame::isPingToAnswer, CLOSE_WAIT));
            h2.settings(Map.of(RawH2Connection.SETTINGS_INITIAL_WINDOW_SIZE, OPEN_WINDOW));
            h2.windowUpdate(0, OPEN_WINDOW);

            List<Integer> streams = new ArrayList<>(List.of(1));
            streams.addAll(late.keySet());
            for (int stream : streams) {
                h2.await(f -> f.stream() == stream && (f.type() == RawH2Connection.RST_STREAM || endsStream(f)), STOP_BOUND);
            }
            assertTrue(h2.awaitClose(STOP_BOUND).isPresent(), "the session closes once its streams are done: " + h2.summary());
            stopped.get(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            List<Frame> goAways = h2.received().stream().filter(f -> f.type() == RawH2Connection.GOAWAY).toList();
            int lastStream = goAways.get(goAways.size() - 1).lastStreamId();
            for (int stream : streams) {
                assertServedOrRetryable(h2, stream, lastStream);
            }
            assertEquals(LAST_STREAM, lastStream, "the stop's last GOAWAY names every stream the client sent: " + goAways);
        }
    }

    /**
     * The TLS handshake is done and the stop begins before the client sends its connection preface: the server's first
     * frame is still its SETTINGS, the GOAWAY comes after it, and the connection then closes.
     */
    @Test
    void aConnectionWhosePrefaceComesAfterTheStopGetsSettingsFirst() throws Exception {
        try (TestLab lab = TestLab.startHttps(); RawH2Connection held = Transport.H2.connect(lab, SMALL_WINDOW)) {
            held.get(1, "/test1.jpg"); // keeps the stop under way while the fresh connection speaks
            held.await(f -> f.is(RawH2Connection.HEADERS, 1), CLOSE_WAIT);
            SSLSocket fresh = lab.connectTls("h2");
            assertTrue(lab.awaitOpenHttpsConnections(2, CLOSE_WAIT), "the fresh connection is accepted");
            CompletableFuture<Void> stopped = stopInBackground(lab.server());
            try (RawH2Connection h2 = RawH2Connection.overTls(fresh, Map.of())) {
                Frame first = h2.await(f -> true, CLOSE_WAIT);
                h2.awaitGoAway(STOP_BOUND);
                assertEquals(RawH2Connection.SETTINGS, first.type(), "the server's first frame: " + h2.received());
                assertEquals(0, first.flags() & RawH2Connection.FLAG_ACK, "the server's own SETTINGS, not an ack");
                held.settings(Map.of(RawH2Connection.SETTINGS_INITIAL_WINDOW_SIZE, OPEN_WINDOW));
                held.windowUpdate(0, OPEN_WINDOW);
                assertTrue(h2.awaitClose(STOP_BOUND).isPresent(), "the fresh connection closes: " + h2.summary());
                System.out.println("graceful stop, a TLS connection whose preface came after the stop began got: " + h2.received());
            }
            stopped.get(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * HTTP/1.1: the next request on a kept connection, sent after the stop began, is answered whole with
     * {@code Connection: close} (or the connection was closed before the request was read: the race no server removes),
     * never 503; a new connection is refused at the socket.
     */
    @Test
    void onHttp11TheNextRequestOnAKeptConnectionIsAnsweredAndNewConnectionsAreRefused() throws Exception {
        try (TestLab lab = TestLab.startHttps(); RawH2Connection held = Transport.H2C.connect(lab, SMALL_WINDOW)) {
            held.get(1, "/test1.jpg");
            held.await(f -> f.is(RawH2Connection.HEADERS, 1), CLOSE_WAIT);
            RawConnection kept = RawConnection.open(lab.port());
            assertEquals(200, kept.get("/test1.jpg").status());
            int port = lab.port();
            CompletableFuture<Void> stopped = stopInBackground(lab.server());

            // The selector lets go of the listening socket a moment after the stop closed it.
            assertTrue(Await.poll(CLOSE_WAIT, () -> refused(port)), "a new connection after the stop began is refused");
            kept.send("GET /test2.jpg HTTP/1.1\r\nHost: localhost\r\n\r\n");
            Optional<RawResponse> next = kept.readResponseUnlessClosed(false);
            next.ifPresent(response -> {
                assertEquals(200, response.status(), "the request on the kept connection: " + response);
                assertEquals(Optional.of("close"), response.header("Connection"), "it announces the close");
                assertEquals(TestLab.IMAGE_BYTES, response.body().length, "whole");
            });
            assertTrue(kept.awaitServerClose(STOP_BOUND), "the kept connection closes");
            held.settings(Map.of(RawH2Connection.SETTINGS_INITIAL_WINDOW_SIZE, OPEN_WINDOW));
            held.windowUpdate(0, OPEN_WINDOW);
            stopped.get(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            System.out.println("graceful stop, HTTP/1.1: the next request on a kept connection was "
                    + next.map(r -> "answered " + r.status() + " with Connection: close").orElse("not read: the connection closed first"));
        }
    }

    /** Stops the server on another thread and returns once the stop has begun: every graceful component is shutting down. */
    static CompletableFuture<Void> stopInBackground(Server server) throws InterruptedException {
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException("the stop was not graceful", e);
            }
        });
        assertTrue(Await.poll(CLOSE_WAIT, () -> !server.getContainedBeans(Graceful.class).isEmpty()
                && server.getContainedBeans(Graceful.class).stream().allMatch(Graceful::isShutdown)), "the stop began");
        assertFalse(stopped.isDone(), "the stop waits for the stream held open");
        return stopped;
    }

    private static boolean endsStream(Frame frame) {
        return (frame.type() == RawH2Connection.DATA || frame.type() == RawH2Connection.HEADERS)
                && (frame.flags() & RawH2Connection.FLAG_END_STREAM) != 0;
    }

    /** Served 200 whole, or (only above the last stream the GOAWAY names) refused, which a client may retry. */
    private static void assertServedOrRetryable(RawH2Connection h2, int stream, int lastStream) throws Exception {
        Map<Integer, Integer> statuses = statuses(h2);
        List<Frame> frames = h2.received().stream().filter(f -> f.stream() == stream).toList();
        Optional<Frame> headers = frames.stream().filter(f -> f.type() == RawH2Connection.HEADERS).findFirst();
        if (stream > lastStream) {
            assertTrue(headers.isEmpty(), "stream " + stream + " above the last stream " + lastStream + " is not processed: " + frames);
            return;
        }
        assertTrue(headers.isPresent(), "stream " + stream + " is answered: " + frames);
        assertEquals(200, statuses.get(stream), "stream " + stream + " is answered 200, not 503");
        assertTrue(frames.stream().anyMatch(GracefulStopWireTest::endsStream), "stream " + stream + " is answered whole: " + frames);
        assertEquals(0, frames.stream().filter(f -> f.type() == RawH2Connection.RST_STREAM).count(), "stream " + stream + " is not reset");
    }

    /** Each stream's response status, its header blocks decoded in the order the server sent them (HPACK's table is the connection's). */
    private static Map<Integer, Integer> statuses(RawH2Connection h2) throws Exception {
        HpackDecoder hpack = new HpackDecoder(1 << 16, System::nanoTime);
        hpack.setMaxTableCapacity(4096);
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        for (Frame frame : h2.received()) {
            if (frame.type() == RawH2Connection.HEADERS && hpack.decode(ByteBuffer.wrap(frame.payload())) instanceof MetaData.Response response) {
                statuses.putIfAbsent(frame.stream(), response.getStatus());
            }
        }
        return statuses;
    }

    private static boolean refused(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) CLOSE_WAIT.toMillis());
            return false;
        } catch (ConnectException refused) {
            return true;
        }
    }
}
