package dev.keepalivelab.load;

import dev.keepalivelab.support.JvmResources;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.ServedMeanwhile;
import dev.keepalivelab.support.TestLab;
import dev.keepalivelab.support.TlsRecords;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An idle flood and a slowloris at once, on the plain port and on the HTTPS port: connections that connect and stay
 * silent, and connections that send half a request line (half a ClientHello on the HTTPS port) and stall. Normal
 * requests on new connections keep being served throughout, the server sends the flood nothing (on the HTTPS port
 * nothing but the TLS alerts of its close), and closes every flood connection within its idle timeout plus a margin.
 */
class IdleFloodIT {
    static final int CONNECTIONS = Integer.getInteger("flood.connections", 2000);
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
    /** Slack for closing thousands of connections at once on a busy machine: half the idle timeout. */
    static final Duration MARGIN = IDLE_TIMEOUT.dividedBy(2);
    static final byte[] HALF_REQUEST_LINE = "GET /test1.jpg HT".getBytes(StandardCharsets.ISO_8859_1);

    /** The port flooded, what its stalling half of the flood sends, and how a normal client is served there. */
    enum Port {
        PLAIN, HTTPS;

        /**
         * How late after the idle timeout the last flood connection may close. On the HTTPS port each close of a
         * half-handshaken connection writes TLS alerts, a thousand of them on the one core, beside the normal clients'
         * handshakes: seen up to 1.2 s more on a loaded machine.
         */
        Duration margin() {
            return this == PLAIN ? MARGIN : IDLE_TIMEOUT;
        }

        int number(TestLab lab) {
            return this == PLAIN ? lab.port() : lab.httpsPort();
        }

        byte[] stalledStart() throws Exception {
            if (this == PLAIN) {
                return HALF_REQUEST_LINE;
            }
            byte[] hello = TlsRecords.clientHello();
            return Arrays.copyOf(hello, hello.length / 2);
        }

        boolean awaitOpenConnections(TestLab lab, int count, Duration max) throws InterruptedException {
            return this == PLAIN ? lab.awaitOpenConnections(count, max) : lab.awaitOpenHttpsConnections(count, max);
        }

        /** What the server may send a flood connection: nothing, or on the HTTPS port the alerts it closes with. */
        boolean mayReceive(byte[] bytes) {
            return this == PLAIN ? bytes.length == 0 : TlsRecords.onlyAlerts(bytes);
        }

        ServedMeanwhile.PictureRequest normalRequest(TestLab lab, int[] requests) {
            return () -> {
                String path = "/test" + (1 + requests[0]++ % 7) + ".jpg";
                if (this == PLAIN) {
                    try (RawConnection connection = lab.connect()) {
                        RawResponse response = connection.get(path);
                        assertEquals(200, response.status());
                        return response.body();
                    }
                }
                try (SSLSocket socket = lab.connectTls("http/1.1")) {
                    RawResponse response = RawConnection.over(socket).get(path, "Connection: close");
                    assertEquals(200, response.status());
                    return response.body();
                }
            };
        }
    }

    /** One flood connection: when its connect began and when the server closed it (0 while open). */
    static final class Flooder {
        final long openedAt;
        long closedAt;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();

        Flooder(long openedAt) {
            this.openedAt = openedAt;
        }

        long openForMillis() {
            return Duration.ofNanos(closedAt - openedAt).toMillis();
        }
    }

    @ParameterizedTest
    @EnumSource(Port.class)
    void silentAndHalfRequestConnectionsAreClosedWithinTheIdleTimeoutWhileNormalRequestsAreServed(Port port) throws Exception {
        JvmResources.requireFileDescriptors(2L * CONNECTIONS + 200); // both ends of every connection live in this JVM
        byte[] stalledStart = port.stalledStart();
        try (TestLab lab = TestLab.start(Map.of(), TestLab.httpsSettings(IDLE_TIMEOUT)); Selector selector = Selector.open()) {
            List<Flooder> flooders = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                long connecting = System.nanoTime();
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port.number(lab)));
                if (i % 2 == 1) {
                    channel.write(ByteBuffer.wrap(stalledStart));
                }
                channel.configureBlocking(false);
                Flooder flooder = new Flooder(connecting);
                channel.register(selector, SelectionKey.OP_READ, flooder);
                flooders.add(flooder);
            }
            assertTrue(port.awaitOpenConnections(lab, CONNECTIONS, IDLE_TIMEOUT), "the server did not accept the whole flood");
            long allAccepted = System.nanoTime(); // the server's idle clocks start at its accept, at the latest now

            ServedMeanwhile normal = ServedMeanwhile.start(port.normalRequest(lab, new int[1]));
            Duration deadline = IDLE_TIMEOUT.plus(port.margin()).multipliedBy(2);
            int closed = awaitCloses(selector, CONNECTIONS, deadline);
            ServedMeanwhile.Served served = normal.stop();

            assertEquals(CONNECTIONS, closed, "flood connections closed by the server");
            List<Flooder> sentWhatTheyMayNot = flooders.stream().filter(f -> !port.mayReceive(f.received.toByteArray())).toList();
            assertEquals(0, sentWhatTheyMayNot.size(), "the server sent flood connections bytes, such as "
                    + sentWhatTheyMayNot.stream().findFirst().map(f -> f.received.size() + " bytes").orElse(""));
            long lastClose = flooders.stream().mapToLong(f -> f.closedAt).max().orElseThrow();
            Duration lastAfterAccept = Duration.ofNanos(lastClose - allAccepted);
            assertTrue(lastAfterAccept.compareTo(IDLE_TIMEOUT.plus(port.margin())) <= 0,
                    "the last flood connection was closed " + lastAfterAccept.toMillis() + " ms after the server had accepted them all");
            long soonest = flooders.stream().mapToLong(Flooder::openForMillis).min().orElseThrow();
            assertTrue(soonest >= IDLE_TIMEOUT.toMillis(), "a flood connection was closed after only " + soonest + " ms");
            assertEquals(List.of(), served.failures(), "normal requests during the flood");
            assertTrue(served.requests() > 0, "no normal request was made during the flood");
            assertTrue(port.awaitOpenConnections(lab, 0, RawConnection.READ_TIMEOUT), "connections left open after the flood");
            long alerted = flooders.stream().filter(f -> f.received.size() > 0).count();
            System.out.printf("idle flood on the %s port: %d connections (half silent, half a stalled %s) closed %d to %d ms after"
                            + " opening with a %d ms idle timeout, %d of them with TLS alerts; %d normal requests served meanwhile,"
                            + " 0 failed%n", port, CONNECTIONS, port == Port.PLAIN ? "request line" : "ClientHello", soonest,
                    flooders.stream().mapToLong(Flooder::openForMillis).max().orElseThrow(), IDLE_TIMEOUT.toMillis(), alerted,
                    served.requests());
        }
    }

    /** Waits for EOF on every flood connection; returns how many ended within {@code max}. */
    static int awaitCloses(Selector selector, int expected, Duration max) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        long deadline = System.nanoTime() + max.toNanos();
        int closed = 0;
        while (closed < expected && System.nanoTime() < deadline) {
            selector.select(100);
            for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                SelectionKey key = keys.next();
                keys.remove();
                Flooder flooder = (Flooder) key.attachment();
                SocketChannel channel = (SocketChannel) key.channel();
                buffer.clear();
                int read;
                try {
                    read = channel.read(buffer);
                } catch (IOException reset) {
                    read = -1;
                }
                if (read > 0) {
                    flooder.received.write(buffer.array(), 0, read);
                } else if (read < 0) {
                    flooder.closedAt = System.nanoTime();
                    key.cancel();
                    channel.close();
                    closed++;
                }
            }
        }
        return closed;
    }
}
