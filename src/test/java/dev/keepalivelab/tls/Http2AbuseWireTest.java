package dev.keepalivelab.tls;

import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.support.H2Client;
import dev.keepalivelab.support.LabWar;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawH2Connection;
import dev.keepalivelab.support.RawH2Connection.Frame;
import dev.keepalivelab.support.ServedMeanwhile;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static dev.keepalivelab.support.RawH2Connection.ENHANCE_YOUR_CALM;
import static dev.keepalivelab.support.RawH2Connection.FLAG_ACK;
import static dev.keepalivelab.support.RawH2Connection.FLAG_END_STREAM;
import static dev.keepalivelab.support.RawH2Connection.PING;
import static dev.keepalivelab.support.RawH2Connection.REFUSED_STREAM;
import static dev.keepalivelab.support.RawH2Connection.RST_STREAM;
import static dev.keepalivelab.support.RawH2Connection.SETTINGS;
import static dev.keepalivelab.support.RawH2Connection.SETTINGS_INITIAL_WINDOW_SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP/2 abuse on one connection, written frame by frame: a rapid-reset flood (CVE-2023-44487), a SETTINGS flood and
 * more concurrent streams than {@code --max-concurrent-streams}. Jetty's rate control at its default (128 frame
 * events a second per connection, frames received and the server's own RST_STREAMs alike) closes a flooding
 * connection, after a GOAWAY(ENHANCE_YOUR_CALM) it does not wait to send; a stream beyond the limit is refused on
 * its own (RST_STREAM(REFUSED_STREAM)) and the connection goes on; a normal client on another connection is served
 * throughout and after.
 */
class Http2AbuseWireTest {
    /** The most frames a flood sends: far beyond the rate control's 128 a second, so that it must trip. */
    static final int FLOOD_FRAMES = 2_000;
    /** How long a flood may go on at most, whatever it has sent; a flood that is not stopped within it fails. */
    static final Duration FLOOD_TIME = Duration.ofSeconds(5);
    /** Room for a loaded 2-core machine to answer, once the abuse has stopped. */
    static final Duration ANSWER_WAIT = RawConnection.READ_TIMEOUT;
    static final int MAX_CONCURRENT_STREAMS = 4;
    /** Jetty's default rate control: 128 frame events in any window of this length, per connection. */
    static final Duration RATE_WINDOW = Duration.ofSeconds(1);
    /**
     * SETTINGS frames a client may send after its preface's within {@link #RATE_WINDOW}: 128 events, less the preface's
     * SETTINGS and the client's acknowledgement of the server's, which count too.
     */
    static final int SETTINGS_WITHIN_THE_RATE = 126;
    static final String PICTURE = "/test1.jpg";

    /** How the abuser and the normal client connect: h2 over TLS to the HTTPS port, or h2c to the plain port. */
    enum Transport {
        H2, H2C;

        RawH2Connection abuser(TestLab lab, Map<Integer, Integer> settings) throws Exception {
            return this == H2 ? RawH2Connection.overTls(lab.connectTls("h2"), settings)
                    : RawH2Connection.priorKnowledge(lab.port(), settings);
        }

        H2Client client(TestLab lab) throws Exception {
            return this == H2 ? H2Client.overTls(lab) : H2Client.priorKnowledge(lab.port());
        }

        boolean awaitOpenConnections(TestLab lab, int count) throws InterruptedException {
            return this == H2 ? lab.awaitOpenHttpsConnections(count, ANSWER_WAIT) : lab.awaitOpenConnections(count, ANSWER_WAIT);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRapidResetFloodIsEndedWithEnhanceYourCalmWhileAnotherConnectionIsServed(Transport transport) throws Exception {
        try (TestLab lab = TestLab.start(Map.of(), TestLab.httpsSettings());
             H2Client normal = transport.client(lab); RawH2Connection abuser = transport.abuser(lab, Map.of())) {
            ServedMeanwhile meanwhile = ServedMeanwhile.start(() -> normal.get(PICTURE).body());
            assertTrue(meanwhile.awaitServed(1, ANSWER_WAIT), "the normal client is not served before the abuse");
            int[] stream = {1};
            long started = System.nanoTime();
            int sent = flood(abuser, () -> {
                boolean written = abuser.getAndReset(stream[0], PICTURE);
                stream[0] += 2;
                return written;
            });
            long closed = awaitClosedByRateControl(abuser, "invalid_rst_stream_frame_rate");
            assertServedDuringAndAfter(lab, transport, normal, meanwhile);
            System.out.printf("rapid reset over %s: closed %d ms after the flood began, %s, after %d HEADERS+RST_STREAM pairs"
                            + " written; %d pictures served on another connection meanwhile%n", transport,
                    Duration.ofNanos(closed - started).toMillis(), goAwaySeen(abuser), sent, meanwhile.served());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aSettingsFloodIsEndedWithEnhanceYourCalmWhileAnotherConnectionIsServed(Transport transport) throws Exception {
        try (TestLab lab = TestLab.start(Map.of(), TestLab.httpsSettings());
             H2Client normal = transport.client(lab); RawH2Connection abuser = transport.abuser(lab, Map.of())) {
            ServedMeanwhile meanwhile = ServedMeanwhile.start(() -> normal.get(PICTURE).body());
            assertTrue(meanwhile.awaitServed(1, ANSWER_WAIT), "the normal client is not served before the abuse");
            long started = System.nanoTime();
            int sent = flood(abuser, () -> abuser.settings(Map.of()));
            long closed = awaitClosedByRateControl(abuser, "invalid_settings_frame_rate");
            assertServedDuringAndAfter(lab, transport, normal, meanwhile);
            long acks = abuser.count(f -> f.type() == SETTINGS && (f.flags() & FLAG_ACK) != 0);
            System.out.printf("SETTINGS flood over %s: closed %d ms after the flood began, %s, after %d SETTINGS written, %d"
                            + " acknowledged; %d pictures served on another connection meanwhile%n", transport,
                    Duration.ofNanos(closed - started).toMillis(), goAwaySeen(abuser), sent, acks, meanwhile.served());
        }
    }

    /**
     * The threshold, pinned: the 129th frame event within a second ends the connection. SETTINGS frames sent one at a time, each after the server acknowledged the one before, so
     * that the server has nothing else to read or write when the rate control trips and its GOAWAY cannot be lost.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void theSettingsFrameBeyondTheRateIsAnsweredWithGoAwayEnhanceYourCalm(Transport transport) throws Exception {
        try (TestLab lab = TestLab.start(Map.of(), TestLab.httpsSettings())) {
            long connecting = System.nanoTime();
            try (RawH2Connection abuser = transport.abuser(lab, Map.of())) {
                int acknowledged = 0;
                while (!abuser.goneAway() && acknowledged < FLOOD_FRAMES) {
                    int expected = acknowledged + 1;
                    assertTrue(abuser.settings(Map.of()) || abuser.goneAway(), "closed without GOAWAY after " + acknowledged);
                    abuser.await(f -> f.type() == RawH2Connection.GOAWAY || acks(abuser) >= expected + 1, ANSWER_WAIT);
                    acknowledged = (int) acks(abuser) - 1;
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - connecting);
                Frame goAway = abuser.awaitGoAway(ANSWER_WAIT);
                assertEquals(ENHANCE_YOUR_CALM, goAway.errorCode());
                assertEquals("invalid_settings_frame_rate", goAway.debugData());
                assertTrue(abuser.awaitClose(ANSWER_WAIT).isPresent(), "open after its GOAWAY");
                // Events older than the window no longer count: on a machine too slow to send them all within it, more pass.
                if (elapsed.compareTo(RATE_WINDOW) < 0) {
                    assertEquals(SETTINGS_WITHIN_THE_RATE, acknowledged, "SETTINGS acknowledged before the GOAWAY");
                } else {
                    assertTrue(acknowledged >= SETTINGS_WITHIN_THE_RATE, acknowledged + " SETTINGS acknowledged before the GOAWAY");
                }
                System.out.printf("SETTINGS one at a time over %s: %d acknowledged after the preface's, then %s, %d ms after the connect%n",
                        transport, acknowledged, goAwaySeen(abuser), elapsed.toMillis());
            }
        }
    }

    static long acks(RawH2Connection connection) {
        return connection.count(f -> f.type() == SETTINGS && (f.flags() & FLAG_ACK) != 0);
    }

    /**
     * Streams beyond {@code --max-concurrent-streams} are refused one by one and the connection goes on: the streams
     * within the limit finish and a new one is served once they have.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStreamBeyondMaxConcurrentStreamsIsRefusedAndTheConnectionGoesOn(Transport transport) throws Exception {
        try (TestLab lab = TestLab.start(Map.of(), TestLab.httpsSettings().with(Setting.MAX_CONCURRENT_STREAMS, Integer.toString(MAX_CONCURRENT_STREAMS)));
             RawH2Connection client = transport.abuser(lab, Map.of(SETTINGS_INITIAL_WINDOW_SIZE, 0))) {
            List<Integer> allowed = holdStreamsUpToTheLimit(client);
            int excess = MAX_CONCURRENT_STREAMS;
            for (int i = 0; i < excess; i++) {
                int stream = allowed.get(allowed.size() - 1) + 2 * (i + 1);
                client.get(stream, PICTURE);
                Frame refused = client.await(f -> f.is(RST_STREAM, stream), ANSWER_WAIT);
                assertEquals(REFUSED_STREAM, refused.errorCode(), "stream " + stream + " beyond the limit");
            }
            assertTrue(client.ping());
            client.await(f -> f.type() == PING && (f.flags() & FLAG_ACK) != 0, ANSWER_WAIT);
            assertFalse(client.goneAway(), "a refused stream is a stream error, not the connection's");

            client.windowUpdate(0, 1 << 20);
            client.settings(Map.of(SETTINGS_INITIAL_WINDOW_SIZE, 1 << 20));
            for (int stream : allowed) {
                client.await(f -> f.stream() == stream && (f.flags() & FLAG_END_STREAM) != 0, ANSWER_WAIT);
            }
            int next = allowed.get(allowed.size() - 1) + 2 * (excess + 1);
            assertTrue(client.get(next, PICTURE));
            client.await(f -> f.stream() == next && (f.flags() & FLAG_END_STREAM) != 0, ANSWER_WAIT);
            assertFalse(client.goneAway());
            assertEquals(0, client.count(f -> f.type() == RST_STREAM && allowed.contains(f.stream())), "an allowed stream was reset");
        }
    }

    /**
     * A flood of streams beyond the limit: each is refused with a RST_STREAM, and the server's own resets count
     * against the rate control, so the flood ends in GOAWAY(ENHANCE_YOUR_CALM) too.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFloodOfStreamsBeyondTheLimitIsEndedWithEnhanceYourCalm(Transport transport) throws Exception {
        try (TestLab lab = TestLab.start(Map.of(), TestLab.httpsSettings().with(Setting.MAX_CONCURRENT_STREAMS, Integer.toString(MAX_CONCURRENT_STREAMS)));
             H2Client normal = transport.client(lab);
             RawH2Connection abuser = transport.abuser(lab, Map.of(SETTINGS_INITIAL_WINDOW_SIZE, 0))) {
            List<Integer> allowed = holdStreamsUpToTheLimit(abuser);
            ServedMeanwhile meanwhile = ServedMeanwhile.start(() -> normal.get(PICTURE).body());
            assertTrue(meanwhile.awaitServed(1, ANSWER_WAIT), "the normal client is not served before the abuse");
            int[] stream = {allowed.get(allowed.size() - 1) + 2};
            long started = System.nanoTime();
            int sent = flood(abuser, () -> {
                boolean written = abuser.get(stream[0], PICTURE);
                stream[0] += 2;
                return written;
            });
            long closed = awaitClosedByRateControl(abuser, "invalid_rst_stream_frame_rate");
            long refused = abuser.count(f -> f.type() == RST_STREAM && f.errorCode() == REFUSED_STREAM);
            assertTrue(refused > 0, "no stream was refused");
            assertServedDuringAndAfter(lab, transport, normal, meanwhile);
            System.out.printf("streams beyond --max-concurrent-streams %d over %s: %d refused, then closed %d ms after the flood"
                            + " began, %s, after %d HEADERS written; %d pictures served on another connection meanwhile%n",
                    MAX_CONCURRENT_STREAMS, transport, refused, Duration.ofNanos(closed - started).toMillis(), goAwaySeen(abuser), sent,
                    meanwhile.served());
        }
    }

    /**
     * Waits for the server to close the abusive connection, and checks what any GOAWAY before the close says. Jetty
     * (12.1.14, {@code HTTP2Session.onSessionFailure}) queues GOAWAY(ENHANCE_YOUR_CALM) and closes the connection at once
     * without waiting for the write: with frames still queued, or the flood's unread bytes turning the close into a
     * TCP reset, the GOAWAY can be lost. The close is the protection; the GOAWAY is a courtesy.
     *
     * @return the System.nanoTime() the close was seen
     */
    static long awaitClosedByRateControl(RawH2Connection abuser, String reason) throws InterruptedException {
        long closed = abuser.awaitClose(ANSWER_WAIT).orElseThrow(() -> new AssertionError(
                "the abusive connection is still open " + ANSWER_WAIT.toSeconds() + " s after the flood; received " + abuser.summary()));
        for (Frame goAway : abuser.received().stream().filter(f -> f.type() == RawH2Connection.GOAWAY).toList()) {
            assertEquals(ENHANCE_YOUR_CALM, goAway.errorCode(), "GOAWAY's error: " + goAway.debugData());
            assertEquals(reason, goAway.debugData());
        }
        return closed;
    }

    static String goAwaySeen(RawH2Connection abuser) {
        return abuser.received().stream().filter(f -> f.type() == RawH2Connection.GOAWAY).findFirst()
                .map(f -> "GOAWAY(ENHANCE_YOUR_CALM, " + f.debugData() + ", last stream " + f.lastStreamId() + ") before the close")
                .orElse("the GOAWAY lost to the close");
    }

    /** Opens streams 1, 3, ... up to the limit; the client's window of 0 keeps each response in progress. */
    static List<Integer> holdStreamsUpToTheLimit(RawH2Connection client) throws InterruptedException {
        List<Integer> streams = new ArrayList<>();
        for (int i = 0; i < MAX_CONCURRENT_STREAMS; i++) {
            int stream = 2 * i + 1;
            assertTrue(client.get(stream, PICTURE));
            client.await(f -> f.is(RawH2Connection.HEADERS, stream), ANSWER_WAIT);
            streams.add(stream);
        }
        return streams;
    }

    /** Writes frames until the server goes away or closes, {@link #FLOOD_FRAMES} are written or {@link #FLOOD_TIME} passes. */
    static int flood(RawH2Connection abuser, BooleanSupplier writeOne) {
        long end = System.nanoTime() + FLOOD_TIME.toNanos();
        int sent = 0;
        while (sent < FLOOD_FRAMES && System.nanoTime() < end && !abuser.goneAway() && writeOne.getAsBoolean()) {
            sent++;
        }
        return sent;
    }

    /** The normal client was served whole during the abuse and is still served after it, and only its connection is left. */
    static void assertServedDuringAndAfter(TestLab lab, Transport transport, H2Client normal, ServedMeanwhile meanwhile) throws Exception {
        ServedMeanwhile.Served served = meanwhile.stop();
        assertEquals(List.of(), served.failures(), "the normal client during the abuse");
        assertTrue(served.requests() > 0, "the normal client made no request during the abuse");
        assertArrayEquals(LabWar.picture(), normal.get(PICTURE).body(), "served on the same connection after the abuse");
        try (H2Client fresh = transport.client(lab)) {
            assertEquals(200, fresh.get(PICTURE).status(), "a new connection after the abuse");
        }
        assertTrue(transport.awaitOpenConnections(lab, 1), "the abusive connection is still open at the server");
    }
}
