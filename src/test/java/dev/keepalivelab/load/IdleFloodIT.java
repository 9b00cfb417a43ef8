package dev.keepalivelab.load;

import dev.keepalivelab.support.JvmResources;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An idle flood and a slowloris at once: connections that connect and stay silent, and connections that send half a
 * request line and stall. Normal requests on new connections keep being served throughout, the server sends the
 * flood nothing, and closes every flood connection within its idle timeout plus a margin.
 */
class IdleFloodIT {
    static final int CONNECTIONS = Integer.getInteger("flood.connections", 2000);
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
    /** Slack for closing thousands of connections at once on a busy machine: half the idle timeout. */
    static final Duration MARGIN = IDLE_TIMEOUT.dividedBy(2);
    static final byte[] HALF_REQUEST_LINE = "GET /test1.jpg HT".getBytes(StandardCharsets.ISO_8859_1);
    static final Path SHIPPED_PICTURE = Path.of("src/main/resources/dev/keepalivelab/picture.jpg");

    /** One flood connection: when its connect began and when the server closed it (0 while open). */
    static final class Flooder {
        final long openedAt;
        long closedAt;
        int bytesReceived;

        Flooder(long openedAt) {
            this.openedAt = openedAt;
        }

        long openForMillis() {
            return Duration.ofNanos(closedAt - openedAt).toMillis();
        }
    }

    /** What the normal client saw while the flood was on. */
    record Served(int requests, List<String> failures) {
    }

    @Test
    void silentAndHalfRequestConnectionsAreClosedWithinTheIdleTimeoutWhileNormalRequestsAreServed() throws Exception {
        JvmResources.requireFileDescriptors(2L * CONNECTIONS + 200); // both ends of every connection live in this JVM
        byte[] picture = Files.readAllBytes(SHIPPED_PICTURE);
        try (TestLab lab = TestLab.start(Map.of(), IDLE_TIMEOUT); Selector selector = Selector.open()) {
            List<Flooder> flooders = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                long connecting = System.nanoTime();
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", lab.port()));
                if (i % 2 == 1) {
                    channel.write(ByteBuffer.wrap(HALF_REQUEST_LINE));
                }
                channel.configureBlocking(false);
                Flooder flooder = new Flooder(connecting);
                channel.register(selector, SelectionKey.OP_READ, flooder);
                flooders.add(flooder);
            }
            assertTrue(lab.awaitOpenConnections(CONNECTIONS, IDLE_TIMEOUT), "the server did not accept the whole flood");
            long allAccepted = System.nanoTime(); // the server's idle clocks start at its accept, at the latest now

            AtomicBoolean flooding = new AtomicBoolean(true);
            CompletableFuture<Served> normal = CompletableFuture.supplyAsync(() -> serveWhile(lab, picture, flooding));
            Duration deadline = IDLE_TIMEOUT.plus(MARGIN).multipliedBy(2);
            int closed = awaitCloses(selector, CONNECTIONS, deadline);
            flooding.set(false);
            Served served = normal.get(RawConnection.READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            assertEquals(CONNECTIONS, closed, "flood connections closed by the server");
            assertEquals(0, flooders.stream().mapToInt(f -> f.bytesReceived).sum(), "the server sent the flood bytes");
            long lastClose = flooders.stream().mapToLong(f -> f.closedAt).max().orElseThrow();
            Duration lastAfterAccept = Duration.ofNanos(lastClose - allAccepted);
            assertTrue(lastAfterAccept.compareTo(IDLE_TIMEOUT.plus(MARGIN)) <= 0,
                    "the last flood connection was closed " + lastAfterAccept.toMillis() + " ms after the server had accepted them all");
            long soonest = flooders.stream().mapToLong(Flooder::openForMillis).min().orElseThrow();
            assertTrue(soonest >= IDLE_TIMEOUT.toMillis(), "a flood connection was closed after only " + soonest + " ms");
            assertEquals(List.of(), served.failures(), "normal requests during the flood");
            assertTrue(served.requests() > 0, "no normal request was made during the flood");
            assertTrue(lab.awaitOpenConnections(0, RawConnection.READ_TIMEOUT), "connections left open after the flood");
            System.out.printf("idle flood: %d connections (half silent, half a stalled request line) closed %d to %d ms after"
                            + " opening with a %d ms idle timeout; %d normal requests served meanwhile, 0 failed%n", CONNECTIONS,
                    soonest, flooders.stream().mapToLong(Flooder::openForMillis).max().orElseThrow(), IDLE_TIMEOUT.toMillis(),
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
                    flooder.bytesReceived += read;
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

    /** Requests the picture on a new connection, again and again, while {@code flooding}. */
    static Served serveWhile(TestLab lab, byte[] picture, AtomicBoolean flooding) {
        int requests = 0;
        List<String> failures = new ArrayList<>();
        while (flooding.get()) {
            try (RawConnection connection = lab.connect()) {
                RawResponse response = connection.get("/test" + (1 + requests % 7) + ".jpg");
                assertEquals(200, response.status());
                assertArrayEquals(picture, response.body());
            } catch (IOException | AssertionError e) {
                failures.add(e.toString());
            }
            requests++;
        }
        return new Served(requests, failures);
    }
}
