package dev.keepalivelab.wire;

import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.keepalivelab.support.TestLab.CLOSE_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each policy, protocol version and client header, proven on the wire: "kept" means a second request on the
 * same socket is answered; "closed" means the server sends EOF after the response.
 */
class ConnectionPolicyWireTest {

    enum Outcome { KEPT, CLOSED }

    /**
     * @param connectionHeader the Connection header the response must carry, or empty for none
     */
    record Case(String name, Map<String, String> initParams, String method, String path, String version,
                String[] requestHeaders, Outcome outcome, Optional<String> connectionHeader) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case kept(String name, Map<String, String> params, String path, String version, Optional<String> header, String... requestHeaders) {
        return new Case(name, params, "GET", path, version, requestHeaders, Outcome.KEPT, header);
    }

    static Case closed(String name, Map<String, String> params, String path, String version, String... requestHeaders) {
        return new Case(name, params, "GET", path, version, requestHeaders, Outcome.CLOSED, Optional.of("close"));
    }

    static Stream<Case> cases() {
        Map<String, String> defaults = Map.of();
        Map<String, String> imagesClose = Map.of("connection", "close");
        Map<String, String> imagesDefault = Map.of("connection", "default");
        Map<String, String> pageKeepAlive = Map.of("pageConnection", "keep-alive");
        Map<String, String> pageClose = Map.of("pageConnection", "close");
        return Stream.of(
                kept("image, keep-alive, HTTP/1.1", defaults, "/test1.jpg", "HTTP/1.1", Optional.empty()),
                closed("image, close, HTTP/1.1", imagesClose, "/test1.jpg", "HTTP/1.1"),
                kept("image, default, HTTP/1.1", imagesDefault, "/test1.jpg", "HTTP/1.1", Optional.empty()),
                kept("page, default, HTTP/1.1", defaults, "/", "HTTP/1.1", Optional.empty()),
                kept("page, keep-alive, HTTP/1.1", pageKeepAlive, "/", "HTTP/1.1", Optional.empty()),
                closed("page, close, HTTP/1.1", pageClose, "/", "HTTP/1.1"),
                kept("image, keep-alive, HTTP/1.0 asking keep-alive", defaults, "/test2.jpg", "HTTP/1.0",
                        Optional.of("keep-alive"), "Connection: keep-alive"),
                kept("image, default, HTTP/1.0 asking keep-alive", imagesDefault, "/test2.jpg", "HTTP/1.0",
                        Optional.of("keep-alive"), "Connection: keep-alive"),
                closed("image, close, HTTP/1.0 asking keep-alive", imagesClose, "/test2.jpg", "HTTP/1.0", "Connection: keep-alive"),
                closed("image, keep-alive, HTTP/1.0 without keep-alive", defaults, "/test2.jpg", "HTTP/1.0"),
                new Case("image, default, HTTP/1.0 without keep-alive", imagesDefault, "GET", "/test2.jpg", "HTTP/1.0",
                        new String[0], Outcome.CLOSED, Optional.empty()),
                closed("image, keep-alive, client sends Connection: close", defaults, "/test3.jpg", "HTTP/1.1", "Connection: close"),
                closed("page, keep-alive, client sends Connection: close", pageKeepAlive, "/", "HTTP/1.1", "Connection: close"),
                closed("image, keep-alive, client sends Connection: Close in mixed case", defaults, "/test3.jpg", "HTTP/1.1", "Connection: Close"),
                new Case("HEAD image, close", imagesClose, "HEAD", "/test4.jpg", "HTTP/1.1", new String[0], Outcome.CLOSED, Optional.of("close")),
                new Case("HEAD image, keep-alive", defaults, "HEAD", "/test4.jpg", "HTTP/1.1", new String[0], Outcome.KEPT, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void connectionOutcomeOnTheWire(Case c) throws Exception {
        try (TestLab lab = TestLab.start(c.initParams()); RawConnection connection = lab.connect()) {
            RawResponse first = connection.exchange(c.method(), c.path(), c.version(), c.requestHeaders());
            assertEquals(200, first.status(), first.toString());
            assertEquals(c.connectionHeader(), first.header("Connection"), "Connection header of " + first);

            if (c.outcome() == Outcome.CLOSED) {
                assertTrue(connection.awaitServerClose(CLOSE_WAIT), "server should close after " + first);
            } else {
                RawResponse second = connection.exchange(c.method(), c.path(), c.version(), c.requestHeaders());
                assertEquals(200, second.status(), "second response on the same socket: " + second);
                assertFalse(connection.awaitServerClose(Duration.ofMillis(200)), "server closed a kept-alive connection");
            }
        }
    }
}
