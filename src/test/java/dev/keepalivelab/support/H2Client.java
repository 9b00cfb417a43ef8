package dev.keepalivelab.support;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.GoAwayFrame;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.PingFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.http2.frames.SettingsFrame;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Jetty's low-level HTTP/2 client, frame by frame: a session over TLS (ALPN h2) or plain TCP (h2c by prior
 * knowledge), the server's SETTINGS as received, and GETs as HEADERS frames on new streams.
 */
public final class H2Client implements AutoCloseable {
    public static final long WAIT_SECONDS = RawConnection.READ_TIMEOUT.toSeconds();
    /** The flow-control window of each stream the client opens, in bytes. */
    public static final int STREAM_WINDOW = 4096;

    /** A response read whole: its stream, the status, the headers and the body. */
    public record Response(int stream, int status, HttpFields headers, byte[] body) {
    }

    /** What the server said about the session: its SETTINGS, its GOAWAY, and the session's close. */
    private record Events(CompletableFuture<Map<Integer, Integer>> settings, CompletableFuture<GoAwayFrame> goAway,
                          List<GoAwayFrame> goAways, CompletableFuture<Void> closed,
                          Map<Long, CompletableFuture<Void>> pingReplies) {
    }

    private final HTTP2Client client;
    private final Session session;
    private final Events events;
    private final AtomicLong pings = new AtomicLong();

    /** The requests' :scheme and :authority; https over TLS (Tomcat resets a stream whose :scheme says http there). */
    private final String origin;

    private H2Client(HTTP2Client client, Session session, Events events, String origin) {
        this.client = client;
        this.session = session;
        this.events = events;
        this.origin = origin;
    }

    /** h2 over TLS to the lab's HTTPS port, trusting its certificate. */
    public static H2Client overTls(TestLab lab) throws Exception {
        return overTls(lab.httpsPort(), lab.trustingClientContext());
    }

    /** h2 over TLS (ALPN) to {@code port} of 127.0.0.1, such as a foreign container's HTTPS connector. */
    public static H2Client overTls(int port, SSLContext context) throws Exception {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setSslContext(context);
        return connect(tls, port);
    }

    /** h2c by prior knowledge: the HTTP/2 preface straight away on the plain port. */
    public static H2Client priorKnowledge(int port) throws Exception {
        return connect(null, port);
    }

    private static H2Client connect(SslContextFactory.Client tls, int port) throws Exception {
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(tls);
        HTTP2Client client = new HTTP2Client(connector);
        // A small window, so that a response whose body the client does not read yet stays in progress at the server.
        client.setInitialStreamRecvWindow(STREAM_WINDOW);
        client.start();
        Events events = new Events(new CompletableFuture<>(), new CompletableFuture<>(), new CopyOnWriteArrayList<>(),
                new CompletableFuture<>(), new ConcurrentHashMap<>());
        Session.Listener listener = new Session.Listener() {
            @Override
            public void onSettings(Session session, SettingsFrame frame) {
                events.settings().complete(frame.getSettings());
            }

            @Override
            public void onPing(Session session, PingFrame frame) {
                CompletableFuture<Void> reply = frame.isReply() ? events.pingReplies().remove(frame.getPayloadAsLong()) : null;
                if (reply != null) {
                    reply.complete(null);
                }
            }

            @Override
            public void onGoAway(Session session, GoAwayFrame frame) {
                events.goAways().add(frame);
                events.goAway().complete(frame);
            }

            @Override
            public void onClose(Session session, GoAwayFrame frame, Callback callback) {
                events.settings().completeExceptionally(new IllegalStateException("session closed before SETTINGS: " + frame));
                events.closed().complete(null);
                callback.succeeded();
            }

            @Override
            public void onFailure(Session session, Throwable failure, Callback callback) {
                events.settings().completeExceptionally(failure);
                events.closed().completeExceptionally(failure);
                callback.succeeded();
            }
        };
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        try {
            Session session = (tls == null ? client.connect(address, listener) : client.connect(tls, address, listener))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            return new H2Client(client, session, events, (tls == null ? "http" : "https") + "://localhost");
        } catch (Exception e) {
            client.stop();
            throw e;
        }
    }

    /** The server's first SETTINGS frame. */
    public Map<Integer, Integer> serverSettings() throws Exception {
        return events.settings().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The server's GOAWAY frame; fails when none arrives within {@link #WAIT_SECONDS}. */
    public GoAwayFrame awaitGoAway() throws Exception {
        return events.goAway().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * The server's GOAWAY that names a last stream, after a graceful notice (last stream 2^31-1) if there was one;
     * fails when none arrives within {@link #WAIT_SECONDS}.
     */
    public GoAwayFrame awaitFinalGoAway() throws Exception {
        Predicate<GoAwayFrame> naming = f -> !f.isGraceful();
        return Await.until("a GOAWAY naming a last stream", Duration.ofSeconds(WAIT_SECONDS), this::goAways,
                goAways -> goAways.stream().anyMatch(naming)).stream().filter(naming).findFirst().orElseThrow();
    }

    /**
     * Sends a PING and waits for the server's reply: the frames the server wrote before it (a GOAWAY included) have
     * arrived when this returns, since one connection delivers them in order.
     */
    public void roundTrip() throws Exception {
        long payload = pings.incrementAndGet();
        CompletableFuture<Void> reply = new CompletableFuture<>();
        events.pingReplies().put(payload, reply);
        session.ping(new PingFrame(payload, false), Callback.NOOP);
        reply.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Every GOAWAY the server has sent, in order. */
    public List<GoAwayFrame> goAways() {
        return List.copyOf(events.goAways());
    }

    /** Whether the server has sent GOAWAY yet. */
    public boolean goneAway() {
        return events.goAway().isDone();
    }

    /** Waits for the session to close; fails when it has not within {@link #WAIT_SECONDS}. */
    public void awaitClose() throws Exception {
        events.closed().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public Response get(String path, String... headerLines) throws Exception {
        return send(path, headerLines).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** A GET whose {@code :authority} is {@code authority} in place of the lab's address, e.g. a name that DNS sent here. */
    public Response getAt(String authority, String path, String... headerLines) throws Exception {
        return send(URI.create(origin).getScheme() + "://" + authority, path, CompletableFuture.completedFuture(null),
                new CompletableFuture<>(), headerLines).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Opens a stream for each path at once, then reads every response. */
    public List<Response> getAll(List<String> paths) throws Exception {
        List<CompletableFuture<Response>> sent = new ArrayList<>();
        for (String path : paths) {
            sent.add(send(path));
        }
        List<Response> responses = new ArrayList<>();
        for (CompletableFuture<Response> response : sent) {
            responses.add(response.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        return responses;
    }

    /**
     * A request whose response body the client reads only once {@link #read()} is called: the server can send no
     * more than {@link #STREAM_WINDOW} bytes of it before then, so its response stays in progress.
     */
    public final class Held {
        private final CompletableFuture<Void> gate;
        private final CompletableFuture<Integer> started;
        private final CompletableFuture<Response> response;

        private Held(CompletableFuture<Void> gate, CompletableFuture<Integer> started, CompletableFuture<Response> response) {
            this.gate = gate;
            this.started = started;
            this.response = response;
        }

        /** Waits for the response's HEADERS: the server has taken the stream and is answering it. Returns the stream. */
        public int awaitStarted() throws Exception {
            return started.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        public Response read() throws Exception {
            gate.complete(null);
            return response.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Opens a stream for {@code path} and reads its response body only when asked (see {@link Held}). */
    public Held hold(String path) throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<Integer> started = new CompletableFuture<>();
        return new Held(gate, started, send(origin, path, gate, started));
    }

    private CompletableFuture<Response> send(String path, String... headerLines) throws Exception {
        return send(origin, path, CompletableFuture.completedFuture(null), new CompletableFuture<>(), headerLines);
    }

    private CompletableFuture<Response> send(String origin, String path, CompletableFuture<Void> gate, CompletableFuture<Integer> started,
                                             String... headerLines) throws Exception {
        HttpFields.Mutable fields = HttpFields.build();
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            fields.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        MetaData.Request request = new MetaData.Request("GET", HttpURI.from(origin + path), HttpVersion.HTTP_2, fields);
        CompletableFuture<Response> done = new CompletableFuture<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        MetaData.Response[] head = new MetaData.Response[1];
        session.newStream(new HeadersFrame(request, null, true), new Stream.Listener() {
            @Override
            public void onHeaders(Stream stream, HeadersFrame frame) {
                head[0] = (MetaData.Response) frame.getMetaData();
                started.complete(stream.getId());
                if (frame.isEndStream()) {
                    done.complete(new Response(stream.getId(), head[0].getStatus(), head[0].getHttpFields(), body.toByteArray()));
                } else {
                    gate.thenRun(stream::demand);
                }
            }

            @Override
            public void onDataAvailable(Stream stream) {
                Stream.Data data = stream.readData();
                if (data == null) {
                    stream.demand();
                    return;
                }
                ByteBuffer bytes = data.frame().getByteBuffer();
                byte[] chunk = new byte[bytes.remaining()];
                bytes.get(chunk);
                body.writeBytes(chunk);
                boolean last = data.frame().isEndStream();
                data.release();
                if (last) {
                    done.complete(new Response(stream.getId(), head[0].getStatus(), head[0].getHttpFields(), body.toByteArray()));
                } else {
                    stream.demand();
                }
            }

            @Override
            public void onReset(Stream stream, ResetFrame frame, Callback callback) {
                done.completeExceptionally(new IllegalStateException("stream reset: " + frame));
                callback.succeeded();
            }
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return done;
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
