package dev.keepalivelab.bench.peers;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;

/**
 * OkHttp's MockWebServer serving the harness's routes: a Dispatcher (MockWebServer's way to answer any number of
 * requests, where enqueue answers one each) that answers from bytes in memory, and TCP_NODELAY on accepted sockets.
 * Usage: MockWebServerPeer port routes-file (see {@link Route}); listens on 127.0.0.1 until killed.
 */
public final class MockWebServerPeer {

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].matches("[0-9]{1,5}")) {
            System.err.println("usage: MockWebServerPeer <port> <routes file>");
            System.exit(2);
        }
        MockWebServer server = new MockWebServer();
        server.setServerSocketFactory(new NoDelayServerSocketFactory());
        server.setDispatcher(new RoutesDispatcher(Route.read(Path.of(args[1]))));
        server.start(InetAddress.getByName("127.0.0.1"), Integer.parseInt(args[0]));
        takeRequests(server);
        System.out.println("MockWebServer listening on " + server.getSocketAddress());
        new CountDownLatch(1).await();
    }

    /**
     * Takes every recorded request, as a test does when it checks them: MockWebServer keeps each one in an unbounded
     * queue until taken, which would fill the heap under a benchmark's load.
     */
    private static void takeRequests(MockWebServer server) {
        Thread taker = new Thread(() -> {
            try {
                while (true) {
                    server.takeRequest();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "take-requests");
        taker.setDaemon(true);
        taker.start();
    }

    /**
     * Answers each route's bytes. MockWebServer keeps every connection open unless told otherwise, so a request that
     * asks for the connection to end (HTTP/1.0 without keep-alive, or Connection: close) gets a response that closes
     * it, as the lab and nginx do.
     */
    private static final class RoutesDispatcher extends Dispatcher {
        private final Map<String, MockResponse> keepAlive = new HashMap<>();
        private final Map<String, MockResponse> keepAlive10 = new HashMap<>();
        private final Map<String, MockResponse> close = new HashMap<>();
        private final MockResponse notFound = new MockResponse.Builder().code(404).body("not found").build();

        RoutesDispatcher(List<Route> routes) {
            for (Route route : routes) {
                keepAlive.put(route.path(), response(route).build());
                keepAlive10.put(route.path(), response(route).addHeader("Connection", "keep-alive").build());
                close.put(route.path(), response(route).addHeader("Connection", "close")
                        .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build());
            }
        }

        private static MockResponse.Builder response(Route route) {
            return new MockResponse.Builder().addHeader("Content-Type", route.contentType())
                    .body(new Buffer().write(route.body()));
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String connection = String.valueOf(request.getHeaders().get("Connection"));
            boolean http10 = "HTTP/1.0".equals(request.getVersion());
            Map<String, MockResponse> responses;
            if (connection.equalsIgnoreCase("close") || (http10 && !connection.equalsIgnoreCase("keep-alive"))) {
                responses = close;
            } else {
                responses = http10 ? keepAlive10 : keepAlive;
            }
            return responses.getOrDefault(request.getUrl().encodedPath(), notFound);
        }
    }
}
