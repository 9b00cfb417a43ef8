package dev.keepalivelab.embedded;

import dev.keepalivelab.support.RawConnection;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A new connection per request is made on the selector thread, not handed to a pool thread. */
class SelectorHandOffTest {
    final Set<String> pooled = ConcurrentHashMap.newKeySet();
    Server server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theTasksRunOnTheSelectorAreJettysOwn() {
        WatchedServerConnector.RUN_ON_SELECTOR.forEach(name -> assertDoesNotThrow(() -> Class.forName(name),
                name + " is gone from Jetty: the hand-off it stood for is back, or has another name"));
    }

    @Test
    void newConnectionsAreMadeWithoutAPoolThread() throws Exception {
        server = new Server(new QueuedThreadPool() {
            @Override
            public void execute(Runnable job) {
                pooled.add(job.getClass().getName());
                super.execute(job);
            }
        });
        WatchedServerConnector connector = new WatchedServerConnector(server, LabServer.ACCEPTORS, 1, new HttpConnectionFactory());
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                response.write(true, ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)), callback);
                return true;
            }
        });
        server.start();
        pooled.clear();
        for (int i = 0; i < 20; i++) {
            try (RawConnection connection = RawConnection.open(connector.getLocalPort())) {
                assertEquals("ok", connection.get("/").bodyText());
                assertTrue(connection.awaitServerClose(Duration.ofSeconds(5)), "closed after the response");
            }
        }
        assertEquals(List.of(), pooled.stream().filter(WatchedServerConnector.RUN_ON_SELECTOR::contains).toList());
    }
}
