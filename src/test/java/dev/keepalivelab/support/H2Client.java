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
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.http2.frames.SettingsFrame;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Jetty's low-level HTTP/2 client, frame by frame: a session over TLS (ALPN h2) or plain TCP (h2c by prior
 * knowledge), the server's SETTINGS as received, and GETs as HEADERS frames on new streams.
 */
public final class H2Client implements AutoCloseable {
    public static final long WAIT_SECONDS = RawConnection.READ_TIMEOUT.toSeconds();

    /** A response read whole: the status, the headers and the body. */
    public record Response(int status, HttpFields headers, byte[] body) {
    }

    private final HTTP2Client client;
    private final Session session;
    private final CompletableFuture<Map<Integer, Integer>> serverSettings;

    private H2Client(HTTP2Client client, Session session, CompletableFuture<Map<Integer, Integer>> serverSettings) {
        this.client = client;
        this.session = session;
        this.serverSettings = serverSettings;
    }

    /** h2 over TLS to the lab's HTTPS port, trusting its certificate. */
    public static H2Client overTls(TestLab lab) throws Exception {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setSslContext(lab.trustingClientContext());
        return connect(tls, lab.httpsPort());
    }

    /** h2c by prior knowledge: the HTTP/2 preface straight away on the plain port. */
    public static H2Client priorKnowledge(int port) throws Exception {
        return connect(null, port);
    }

    private static H2Client connect(SslContextFactory.Client tls, int port) throws Exception {
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(tls);
        HTTP2Client client = new HTTP2Client(connector);
        client.start();
        CompletableFuture<Map<Integer, Integer>> settings = new CompletableFuture<>();
        Session.Listener listener = new Session.Listener() {
            @Override
            public void onSettings(Session session, SettingsFrame frame) {
                settings.complete(frame.getSettings());
            }

            @Override
            public void onClose(Session session, GoAwayFrame frame, Callback callback) {
                settings.completeExceptionally(new IllegalStateException("session closed before SETTINGS: " + frame));
                callback.succeeded();
            }

            @Override
            public void onFailure(Session session, Throwable failure, Callback callback) {
                settings.completeExceptionally(failure);
                callback.succeeded();
            }
        };
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        try {
            Session session = (tls == null ? client.connect(address, listener) : client.connect(tls, address, listener))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            return new H2Client(client, session, settings);
        } catch (Exception e) {
            client.stop();
            throw e;
        }
    }

    /** The server's first SETTINGS frame. */
    public Map<Integer, Integer> serverSettings() throws Exception {
        return serverSettings.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public Response get(String path) throws Exception {
        MetaData.Request request = new MetaData.Request("GET", HttpURI.from("http://localhost" + path), HttpVersion.HTTP_2, HttpFields.EMPTY);
        CompletableFuture<Response> done = new CompletableFuture<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        MetaData.Response[] head = new MetaData.Response[1];
        session.newStream(new HeadersFrame(request, null, true), new Stream.Listener() {
            @Override
            public void onHeaders(Stream stream, HeadersFrame frame) {
                head[0] = (MetaData.Response) frame.getMetaData();
                if (frame.isEndStream()) {
                    done.complete(new Response(head[0].getStatus(), head[0].getHttpFields(), body.toByteArray()));
                } else {
                    stream.demand();
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
                    done.complete(new Response(head[0].getStatus(), head[0].getHttpFields(), body.toByteArray()));
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
        return done.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
