package dev.keepalivelab.aot;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the training run serves, so that the cache holds the classes and profiles of the lab's usual work: the page and
 * images over kept-alive connections (HTTP/1.1 and 1.0), a connection per image, and {@code /connections}. Any answer
 * but a whole 200 fails the training: a cache trained on errors would warm the error paths.
 */
final class TrainingLoad {
    static final int CLIENTS = 6;
    static final int KEPT_ALIVE_REQUESTS = 4000;
    static final int NEW_CONNECTIONS = 300;
    private static final int TIMEOUT_MS = 10_000;

    private final int port;

    TrainingLoad(int port) {
        this.port = port;
    }

    /** Runs the load from {@link #CLIENTS} threads at once; returns the number of requests answered. */
    int run() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                done.add(clients.submit(this::oneClient));
            }
            int answered = 0;
            for (Future<Integer> client : done) {
                answered += client.get();
            }
            return answered;
        } finally {
            clients.shutdownNow();
        }
    }

    private int oneClient() throws IOException {
        int answered = 0;
        try (Connection connection = connect()) {
            for (int i = 0; i < KEPT_ALIVE_REQUESTS; i++) {
                String path = i % 20 == 0 ? "/" : "/test" + (1 + i % 7) + ".jpg";
                answered += connection.exchange("GET " + path + " HTTP/1.1\r\nHost: lab\r\n\r\n");
            }
            answered += connection.exchange("GET /connections HTTP/1.1\r\nHost: lab\r\n\r\n");
        }
        try (Connection connection = connect()) {
            for (int i = 0; i < KEPT_ALIVE_REQUESTS / 10; i++) {
                answered += connection.exchange("GET /test1.jpg HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            }
        }
        for (int i = 0; i < NEW_CONNECTIONS; i++) {
            String request = i % 2 == 0 ? "GET /test1.jpg?connection=close HTTP/1.1\r\nHost: lab\r\n\r\n" : "GET /test2.jpg HTTP/1.0\r\n\r\n";
            try (Connection connection = connect()) {
                answered += connection.exchange(request);
            }
        }
        return answered;
    }

    private Connection connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        return new Connection(socket, socket.getOutputStream(), new BufferedInputStream(socket.getInputStream(), 64 * 1024));
    }

    private record Connection(Socket socket, OutputStream out, InputStream in) implements AutoCloseable {
        /** Sends one request and reads its whole response (a Content-Length body); 1, or an exception if it was not a 200. */
        int exchange(String request) throws IOException {
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(in);
            if (!head.startsWith("HTTP/1.1 200 ") && !head.startsWith("HTTP/1.0 200 ")) {
                throw new IOException("training request " + request.lines().findFirst().orElse("") + " got: " + head.lines().findFirst().orElse("(nothing)"));
            }
            long length = head.lines().filter(line -> line.regionMatches(true, 0, "Content-Length:", 0, 15))
                    .mapToLong(line -> Long.parseLong(line.substring(15).trim())).findFirst()
                    .orElseThrow(() -> new IOException("training response without Content-Length: " + head));
            in.skipNBytes(length);
            return 1;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The response's head, read a byte at a time from the connection's buffer. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder(512);
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed within a response head: " + head);
            }
            head.append((char) b);
            last4 = last4 << 8 | b;
        }
        return head.toString();
    }
}
