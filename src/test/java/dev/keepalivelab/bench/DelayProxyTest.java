package dev.keepalivelab.bench;

import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RTT proxy passes bytes and closes through unchanged, and delays them at least as much as its model says. */
class DelayProxyTest {
    static final Duration RTT = Duration.ofMillis(40);

    static DelayProxy proxyTo(TestLab lab) throws Exception {
        return DelayProxy.start(new InetSocketAddress("127.0.0.1", lab.port()), RTT);
    }

    @Test
    void aNewConnectionPaysTwoRoundTripsAndAnOpenOneOne() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); DelayProxy proxy = proxyTo(lab);
             RawConnection direct = lab.connect(); RawConnection delayed = RawConnection.open(proxy.address().getPort())) {
            long start = System.nanoTime();
            RawResponse first = delayed.get("/test1.jpg");
            long firstNanos = System.nanoTime() - start;
            start = System.nanoTime();
            RawResponse second = delayed.get("/test2.jpg");
            long secondNanos = System.nanoTime() - start;

            assertArrayEquals(direct.get("/test1.jpg").body(), first.body(), "the image arrives byte for byte");
            assertEquals(200, second.status());
            assertEquals(first.header("X-Connection-Label"), second.header("X-Connection-Label"), "one upstream connection per client connection");
            assertTrue(firstNanos >= 2 * RTT.toNanos(), "first exchange took " + firstNanos / 1e6 + " ms");
            assertTrue(secondNanos >= RTT.toNanos(), "second exchange took " + secondNanos / 1e6 + " ms");
        }
    }

    @Test
    void aServerCloseReachesTheClient() throws Exception {
        try (TestLab lab = TestLab.start(Map.of("connection", "close")); DelayProxy proxy = proxyTo(lab);
             RawConnection delayed = RawConnection.open(proxy.address().getPort())) {
            assertEquals("close", delayed.get("/test1.jpg").header("Connection").orElse(""));
            assertTrue(delayed.awaitServerClose(Duration.ofSeconds(5)), "EOF passes through the proxy");
        }
    }
}
