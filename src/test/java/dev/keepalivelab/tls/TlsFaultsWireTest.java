package dev.keepalivelab.tls;

import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.ServedMeanwhile;
import dev.keepalivelab.support.TestLab;
import dev.keepalivelab.support.TlsRecords;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the HTTPS port does with bytes that are not a TLS handshake, or a handshake that stalls: it answers with a TLS
 * alert and closes at once, or closes at its idle timeout; either way no connection is left open and normal HTTPS
 * clients are served meanwhile. Times are measured by the client, from the last byte it sent to the server's close.
 */
class TlsFaultsWireTest {
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);
    /** Slack for a loaded 2-core machine beyond the idle timeout: a bound, not a target. */
    static final Duration MARGIN = Duration.ofSeconds(2);
    static final byte TLS_ALERT = TlsRecords.ALERT;
    static final byte TLS_HANDSHAKE = TlsRecords.HANDSHAKE;
    static final byte ALERT_WARNING = 1;
    static final byte ALERT_FATAL = 2;
    /** The JDK's (17) alert for a record that is not TLS: {@code internal_error}, "Unsupported or unrecognized SSL message". */
    static final byte INTERNAL_ERROR = 80;

    /** A fault, the bytes it sends and what the server does about it. */
    enum Fault {
        /** An HTTP/1.1 request, in plain text, to the TLS port. */
        PLAIN_HTTP(Answer.ALERT_AND_CLOSE),
        /** 512 bytes of noise (seeded, so every run sends the same). */
        RANDOM_BYTES(Answer.ALERT_AND_CLOSE),
        /** The first half of a real ClientHello, and nothing more. */
        HALF_A_CLIENT_HELLO(Answer.ALERTS_AT_IDLE_TIMEOUT),
        /** A whole ClientHello; the server answers with its handshake flight, the client never with its Finished. */
        CLIENT_HELLO_THEN_SILENCE(Answer.HANDSHAKE_THEN_CLOSE_AT_IDLE_TIMEOUT);

        final Answer answer;

        Fault(Answer answer) {
            this.answer = answer;
        }

        byte[] bytes() throws Exception {
            return switch (this) {
                case PLAIN_HTTP -> "GET /test1.jpg HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
                case RANDOM_BYTES -> {
                    byte[] noise = new byte[512];
                    new Random(44487).nextBytes(noise);
                    yield noise;
                }
                case HALF_A_CLIENT_HELLO -> {
                    byte[] hello = TlsRecords.clientHello();
                    yield Arrays.copyOf(hello, hello.length / 2);
                }
                case CLIENT_HELLO_THEN_SILENCE -> TlsRecords.clientHello();
            };
        }
    }

    /** What the server sends before it closes, and when it closes. */
    enum Answer {
        /** A fatal alert (internal_error) and the close, at once. */
        ALERT_AND_CLOSE,
        /** Nothing until the idle timeout, then warning alerts (user_canceled, close_notify) and the close. */
        ALERTS_AT_IDLE_TIMEOUT,
        /** Its handshake flight at once, then nothing until the idle timeout closes the connection. */
        HANDSHAKE_THEN_CLOSE_AT_IDLE_TIMEOUT
    }

    /** What the client saw: every byte the server sent, and how long after the client's last byte the server closed. */
    record Seen(byte[] bytes, Duration closedAfter) {
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void theHttpsPortAnswersOrClosesWithinTheIdleTimeoutAndKeepsServing(Fault fault) throws Exception {
        try (TestLab lab = TestLab.start(Map.of(), TestLab.httpsSettings(IDLE_TIMEOUT))) {
            ServedMeanwhile meanwhile = ServedMeanwhile.start(() -> httpsGet(lab));
            assertTrue(meanwhile.awaitServed(1, RawConnection.READ_TIMEOUT), "a normal HTTPS client is not served");
            Seen seen = sendAndAwaitClose(lab.httpsPort(), fault.bytes(), IDLE_TIMEOUT.plus(MARGIN));
            ServedMeanwhile.Served served = meanwhile.stop();

            switch (fault.answer) {
                case ALERT_AND_CLOSE -> {
                    assertTrue(startsWithAlert(seen.bytes(), ALERT_FATAL), "not a fatal TLS alert: " + hex(seen.bytes()));
                    assertEquals(INTERNAL_ERROR, seen.bytes()[6], "the alert's description: " + hex(seen.bytes()));
                    assertTrue(seen.closedAfter().compareTo(IDLE_TIMEOUT) < 0, "closed after " + seen.closedAfter().toMillis()
                            + " ms, as if by the idle timeout rather than at once");
                }
                case ALERTS_AT_IDLE_TIMEOUT, HANDSHAKE_THEN_CLOSE_AT_IDLE_TIMEOUT -> {
                    if (fault.answer == Answer.ALERTS_AT_IDLE_TIMEOUT) {
                        assertTrue(startsWithAlert(seen.bytes(), ALERT_WARNING), "not a TLS alert: " + hex(seen.bytes()));
                    } else {
                        assertEquals(TLS_HANDSHAKE, seen.bytes().length == 0 ? -1 : seen.bytes()[0], "no ServerHello: " + hex(seen.bytes()));
                    }
                    assertTrue(seen.closedAfter().compareTo(IDLE_TIMEOUT) >= 0,
                            "closed after " + seen.closedAfter().toMillis() + " ms, before the idle timeout");
                }
            }
            assertEquals(List.of(), served.failures(), "normal HTTPS requests meanwhile");
            assertTrue(lab.awaitOpenHttpsConnections(0, RawConnection.READ_TIMEOUT),
                    "HTTPS connections left open: " + lab.openConnections("https"));
            System.out.printf("TLS fault %s: %s back, closed %d ms after the client's last byte (idle timeout %d ms);"
                            + " %d normal HTTPS requests served meanwhile%n", fault, hex(seen.bytes()), seen.closedAfter().toMillis(),
                    IDLE_TIMEOUT.toMillis(), served.requests());
        }
    }

    /** Sends {@code bytes} on a new connection and reads until the server closes; fails if it has not within {@code max}. */
    static Seen sendAndAwaitClose(int port, byte[] bytes, Duration max) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) RawConnection.READ_TIMEOUT.toMillis());
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            long sent = System.nanoTime();
            long deadline = sent + max.toNanos();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (true) {
                long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                if (left <= 0) {
                    throw new AssertionError("still open " + max.toMillis() + " ms after the fault; received " + hex(received.toByteArray()));
                }
                socket.setSoTimeout((int) left);
                int read;
                try {
                    read = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    continue;
                } catch (SocketException reset) {
                    read = -1;
                }
                if (read < 0) {
                    return new Seen(received.toByteArray(), Duration.ofNanos(System.nanoTime() - sent));
                }
                received.write(buffer, 0, read);
            }
        }
    }

    /** A normal client: the picture over HTTP/1.1 on a new TLS connection. */
    static byte[] httpsGet(TestLab lab) throws Exception {
        try (SSLSocket socket = lab.connectTls("http/1.1")) {
            return RawConnection.over(socket).get("/test1.jpg", "Connection: close").body();
        }
    }

    /** Whether {@code bytes} begin with a whole TLS alert record of this level. */
    static boolean startsWithAlert(byte[] bytes, byte level) {
        return bytes.length >= 7 && bytes[0] == TLS_ALERT && bytes[3] == 0 && bytes[4] == 2 && bytes[5] == level;
    }

    static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length + " bytes:");
        for (int i = 0; i < Math.min(bytes.length, 16); i++) {
            text.append(String.format(" %02x", bytes[i]));
        }
        return text.toString();
    }
}
