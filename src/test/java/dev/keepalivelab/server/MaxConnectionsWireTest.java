package dev.keepalivelab.server;

import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --max-connections} (Jetty's NetworkConnectionLimit) as a client at the cap sees it: its connect succeeds,
 * because the kernel completes the handshake and queues the connection, but its request is not answered until an open
 * connection closes; then it is served like any other.
 */
class MaxConnectionsWireTest {
    static final int CAP = 4;
    /** How long a request beyond the cap is watched for an answer that must not come. */
    static final Duration UNANSWERED = Duration.ofMillis(500);

    static ServerSettings capped(int maxConnections, Duration idleTimeout) {
        return ServerSettings.of("127.0.0.1", 0, idleTimeout).with(Setting.MAX_CONNECTIONS, Integer.toString(maxConnections))
                .with(Setting.ENGINE, TestLab.ENGINE.value());
    }

    static List<RawConnection> fillTheCap(TestLab lab) throws Exception {
        List<RawConnection> held = new ArrayList<>();
        for (int i = 0; i < CAP; i++) {
            RawConnection connection = lab.connect();
            assertEquals(200, connection.get("/test1.jpg").status());
            held.add(connection);
        }
        return held;
    }

    @Test
    void aConnectionBeyondTheCapWaitsUnansweredUntilAnotherCloses() throws Exception {
        try (TestLab lab = TestLab.start(Map.of(), capped(CAP, TestLab.DEFAULT_IDLE_TIMEOUT))) {
            List<RawConnection> held = fillTheCap(lab);
            try (RawConnection waiting = lab.connect()) {
                waiting.send("GET /test2.jpg HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertFalse(waiting.awaitServerClose(UNANSWERED), "neither answered nor closed at the cap");
                assertTrue(lab.awaitOpenConnections(CAP, Duration.ZERO), "the server holds exactly the cap");

                held.remove(0).close();
                RawResponse response = waiting.readResponse(false);
                assertEquals(200, response.status(), "served once a connection closed");
                assertEquals(Optional.of("1"), response.header("X-Connection-Request"), "on its own new connection");
                assertTrue(lab.awaitOpenConnections(CAP, RawConnection.READ_TIMEOUT));
            } finally {
                for (RawConnection connection : held) {
                    connection.close();
                }
            }
        }
    }

    /** Idle connections that hold the cap still expire, so a short idle timeout bounds how long they can block others. */
    @Test
    void idleConnectionsHoldingTheCapExpireAndLetTheWaitingOneIn() throws Exception {
        Duration idleTimeout = Duration.ofSeconds(1);
        try (TestLab lab = TestLab.start(Map.of(), capped(CAP, idleTimeout))) {
            List<RawConnection> held = fillTheCap(lab);
            try (RawConnection waiting = lab.connect()) {
                waiting.send("GET /test2.jpg HTTP/1.1\r\nHost: localhost\r\n\r\n");
                RawResponse response = waiting.readResponse(false);
                assertEquals(200, response.status(), "served after the idle connections expired");
                for (RawConnection connection : held) {
                    assertTrue(connection.awaitServerClose(idleTimeout), "the idle connection was closed");
                }
            } finally {
                for (RawConnection connection : held) {
                    connection.close();
                }
            }
        }
    }
}
