package dev.keepalivelab.wire;

import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.StalledClient;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static dev.keepalivelab.support.TestLab.CLOSE_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The nginx-style connection controls, each shown on the wire: EOF where it must close, reuse where it must not. */
class ConnectionControlsWireTest {

    @ParameterizedTest(name = "closePaths={0}, connection={1}: {2} closes={3}")
    @CsvSource({
            "test11*.jpg, keep-alive, /test113.jpg, true",
            "test11*.jpg, default, /test11.jpg, true",
            "test11*.jpg, keep-alive, /test1.jpg, false",
            "'/test1.jpg,/', keep-alive, /, true"})
    void closePathsAlwaysClose(String globs, String policy, String path, boolean closes) throws Exception {
        try (TestLab lab = TestLab.start(Map.of("closePaths", globs, "connection", policy)); RawConnection connection = lab.connect()) {
            RawResponse response = connection.get(path);
            assertEquals(200, response.status());
            if (closes) {
                assertEquals(Optional.of("close"), response.header("Connection"));
                assertTrue(connection.awaitServerClose(CLOSE_WAIT));
            } else {
                assertEquals(200, connection.get(path).status(), "kept: a second response on the same socket");
            }
        }
    }

    @ParameterizedTest(name = "keepAliveDisable=MSIE [56]\\., User-Agent \"{0}\" closes={1}")
    @CsvSource({"'Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)', true", "'Mozilla/5.0 (X11; Linux) Chrome/156', false"})
    void keepAliveDisableClosesMatchingUserAgents(String userAgent, boolean closes) throws Exception {
        try (TestLab lab = TestLab.start(Map.of("keepAliveDisable", "MSIE [56]\\."));
             RawConnection connection = lab.connect()) {
            RawResponse response = connection.get("/test1.jpg", "User-Agent: " + userAgent);
            if (closes) {
                assertEquals(Optional.of("close"), response.header("Connection"));
                assertTrue(connection.awaitServerClose(CLOSE_WAIT));
            } else {
                assertEquals(200, connection.get("/test1.jpg", "User-Agent: " + userAgent).status());
            }
        }
    }

    @Test
    void maxConnectionAgeClosesTheFirstResponseAfterTheAgeAndNoneBefore() throws Exception {
        Duration maxAge = Duration.ofMillis(400);
        try (TestLab lab = TestLab.start(Map.of("maxConnectionAge", "400ms")); RawConnection connection = lab.connect()) {
            long firstRequest = System.nanoTime();
            assertFalse(connection.get("/test1.jpg").hasHeader("Connection"));
            long deadline = firstRequest + CLOSE_WAIT.toNanos();
            RawResponse response;
            do {
                Thread.sleep(20); // pacing the requests, not synchronising: the server decides by its clock
                long sent = System.nanoTime();
                response = connection.get("/test1.jpg");
                if (response.hasHeader("Connection")) {
                    assertTrue(Duration.ofNanos(System.nanoTime() - firstRequest).compareTo(maxAge) >= 0,
                            "closed before the connection was " + maxAge.toMillis() + " ms old");
                    break;
                }
                assertTrue(Duration.ofNanos(sent - firstRequest).compareTo(maxAge.multipliedBy(3)) < 0,
                        "still kept long after maxConnectionAge");
            } while (System.nanoTime() < deadline);
            assertEquals(Optional.of("close"), response.header("Connection"));
            assertTrue(connection.awaitServerClose(CLOSE_WAIT));
        }
    }

    @ParameterizedTest(name = "--no-keep-alive closes {0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            HTTP/1.1 |
            HTTP/1.0 | Connection: keep-alive
            """)
    void noKeepAliveClosesEveryResponseAtTheConnector(String version, String header) throws Exception {
        ServerSettings server = ServerSettings.of("127.0.0.1", 0, Duration.ofSeconds(30)).with(Setting.NO_KEEP_ALIVE, "true")
                .with(Setting.ENGINE, TestLab.ENGINE.value());
        try (TestLab lab = TestLab.start(Map.of("connection", "keep-alive", "keepAliveTimeout", "5s"), server)) {
            try (RawConnection connection = lab.connect()) {
                RawResponse response = connection.exchange("GET", "/test1.jpg", version,
                        header == null ? new String[0] : new String[]{header});
                assertEquals(200, response.status());
                assertEquals(Optional.of("close"), response.header("Connection"), response.toString());
                assertFalse(response.hasHeader("Keep-Alive"), "a closing response must not advertise Keep-Alive");
                assertTrue(connection.awaitServerClose(CLOSE_WAIT));
            }
            try (RawConnection connection = lab.connect()) {
                String json = connection.get("/connections").bodyText();
                assertTrue(json.contains("\"decision\":\"closed\",\"reason\":\"connector\""), "the lab reports the close: " + json);
            }
        }
    }

    /**
     * A client that asks for many images and reads none stalls the server mid-response: the request is in
     * progress, so the request timeout applies, not the idle timeout between requests. Reading would let the
     * server go on, so the close is observed on the server's side: its count of open connections.
     */
    @ParameterizedTest(name = "idle timeout {0} ms, request timeout {1} ms: stalled response cut={2}")
    @CsvSource({"30000, 1000, true", "1000, 30000, false"})
    void requestTimeoutAppliesWhileAResponseIsInProgress(long idleMillis, long requestMillis, boolean cut) throws Exception {
        ServerSettings server = ServerSettings.of("127.0.0.1", 0, Duration.ofMillis(idleMillis))
                .with(Setting.REQUEST_TIMEOUT, requestMillis + "ms").with(Setting.ENGINE, TestLab.ENGINE.value());
        Duration window = Duration.ofSeconds(3);
        try (TestLab lab = TestLab.start(Map.of(), server); Socket stalled = StalledClient.open(lab.port())) {
            assertTrue(lab.awaitOpenConnections(1, window), "the stalled connection never opened");
            long start = System.nanoTime();
            boolean closed = lab.awaitOpenConnections(0, window);
            long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertEquals(cut, closed, "closed after " + elapsed + " ms");
            if (cut) {
                assertTrue(elapsed >= requestMillis * 8 / 10, "cut after only " + elapsed + " ms");
            }
        }
    }
}
