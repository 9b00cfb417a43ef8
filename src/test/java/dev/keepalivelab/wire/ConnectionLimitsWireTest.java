package dev.keepalivelab.wire;

import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static dev.keepalivelab.support.TestLab.CLOSE_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** maxRequestsPerConnection, the Keep-Alive header and the connector's idle timeout, on the wire. */
class ConnectionLimitsWireTest {

    @Test
    void theNthRequestClosesAndKeepAliveCountsDown() throws Exception {
        try (TestLab lab = TestLab.start(Map.of("maxRequestsPerConnection", "3", "keepAliveTimeout", "5s"))) {
            try (RawConnection connection = lab.connect()) {
                RawResponse first = connection.get("/test1.jpg");
                assertEquals(Optional.of("timeout=5, max=2"), first.header("Keep-Alive"));
                RawResponse second = connection.get("/");
                assertEquals(Optional.empty(), second.header("Keep-Alive"), "the page runs under pageConnection=default");
                RawResponse third = connection.get("/test2.jpg");
                assertEquals(Optional.of("close"), third.header("Connection"));
                assertFalse(third.hasHeader("Keep-Alive"), "a closing response must not advertise Keep-Alive");
                assertTrue(connection.awaitServerClose(CLOSE_WAIT), "the 3rd response must close the connection");
            }
            try (RawConnection fresh = lab.connect()) {
                assertEquals(Optional.of("timeout=5, max=2"), fresh.get("/test1.jpg").header("Keep-Alive"),
                        "a new connection starts counting at 1");
            }
        }
    }

    @ParameterizedTest(name = "connection={0}, maxRequestsPerConnection=2")
    @CsvSource({"keep-alive", "default"})
    void maxRequestsClosesUnderEveryKeepingPolicy(String policy) throws Exception {
        try (TestLab lab = TestLab.start(Map.of("connection", policy, "maxRequestsPerConnection", "2"));
             RawConnection connection = lab.connect()) {
            assertEquals(200, connection.get("/test1.jpg").status());
            RawResponse second = connection.get("/test1.jpg");
            assertEquals(Optional.of("close"), second.header("Connection"));
            assertTrue(connection.awaitServerClose(CLOSE_WAIT));
        }
    }

    @Test
    void maxRequestsOfOneClosesTheFirstResponse() throws Exception {
        try (TestLab lab = TestLab.start(Map.of("maxRequestsPerConnection", "1")); RawConnection connection = lab.connect()) {
            assertEquals(Optional.of("close"), connection.get("/test1.jpg").header("Connection"));
            assertTrue(connection.awaitServerClose(CLOSE_WAIT));
        }
    }

    @Test
    void maxRequestsCountsHttp10KeepAliveRequests() throws Exception {
        try (TestLab lab = TestLab.start(Map.of("maxRequestsPerConnection", "2", "keepAliveTimeout", "7s"));
             RawConnection connection = lab.connect()) {
            RawResponse first = connection.exchange("GET", "/test1.jpg", "HTTP/1.0", "Connection: keep-alive");
            assertEquals(Optional.of("keep-alive"), first.header("Connection"));
            assertEquals(Optional.of("timeout=7, max=1"), first.header("Keep-Alive"));
            RawResponse second = connection.exchange("GET", "/test1.jpg", "HTTP/1.0", "Connection: keep-alive");
            assertEquals(Optional.of("close"), second.header("Connection"));
            assertTrue(connection.awaitServerClose(CLOSE_WAIT));
        }
    }

    @ParameterizedTest(name = "keepAliveTimeout={0} advertises \"{1}\"")
    @CsvSource({"5s, timeout=5", "1500ms, timeout=1", "2m, timeout=120"})
    void keepAliveHeaderAdvertisesWholeSeconds(String timeout, String expected) throws Exception {
        try (TestLab lab = TestLab.start(Map.of("keepAliveTimeout", timeout)); RawConnection connection = lab.connect()) {
            assertEquals(Optional.of(expected), connection.get("/test1.jpg").header("Keep-Alive"));
            assertEquals(200, connection.get("/test1.jpg").status(), "and the connection is kept");
        }
    }

    @Test
    void noKeepAliveHeaderWhenOffUnderDefaultPolicyOrWhenClosing() throws Exception {
        try (TestLab off = TestLab.start(Map.of()); RawConnection connection = off.connect()) {
            assertFalse(connection.get("/test1.jpg").hasHeader("Keep-Alive"), "keepAliveTimeout=off");
        }
        try (TestLab lab = TestLab.start(Map.of("keepAliveTimeout", "5s"))) {
            try (RawConnection connection = lab.connect()) {
                assertFalse(connection.get("/").hasHeader("Keep-Alive"), "the page's policy is default");
            }
            try (RawConnection connection = lab.connect()) {
                RawResponse closing = connection.get("/test1.jpg", "Connection: close");
                assertFalse(closing.hasHeader("Keep-Alive"), "client asked to close");
                assertFalse(closing.header("Connection").orElse("").contains("keep-alive"), closing.toString());
            }
        }
    }

    @Test
    void idleTimeoutClosesAnIdleConnectionAfterTheConfiguredTimeNotBefore() throws Exception {
        Duration idleTimeout = Duration.ofMillis(1500);
        try (TestLab lab = TestLab.start(Map.of(), idleTimeout); RawConnection connection = lab.connect()) {
            assertEquals(200, connection.get("/test1.jpg").status());
            long idleSince = System.nanoTime();
            assertFalse(connection.awaitServerClose(idleTimeout.dividedBy(2)), "closed long before the idle timeout");
            assertTrue(connection.awaitServerClose(idleTimeout.multipliedBy(4)), "not closed after the idle timeout");
            Duration idle = Duration.ofNanos(System.nanoTime() - idleSince);
            assertTrue(idle.compareTo(idleTimeout.multipliedBy(9).dividedBy(10)) >= 0, "closed after only " + idle.toMillis() + " ms");
        }
    }
}
