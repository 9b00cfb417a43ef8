package dev.keepalivelab.bench;

import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.http2.client.transport.internal.HttpConnectionOverHTTP2;
import org.eclipse.jetty.http2.frames.GoAwayFrame;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.PingFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.http2.frames.SettingsFrame;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.net.SocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jetty's HTTP/2 transport, with two things a browser has. A connection the server's GOAWAY took out of the pool
 * closes after its last stream instead of at the end of the first: Jetty 12.1.14 closes it as soon as any stream is
 * released (one the GOAWAY refused, say) and aborts the streams the server still answers (jetty/jetty.project#15368).
 * And it knows which connections the server ended with a GOAWAY, which {@link RetryRule} asks.
 */
final class Http2TransportFinishingStreams extends HttpClientTransportOverHTTP2 {
    /** The local addresses of the connections whose server sent GOAWAY, since {@link #forgetGoAways()}. */
    private final Set<SocketAddress> goneAway = ConcurrentHashMap.newKeySet();

    Http2TransportFinishingStreams(HTTP2Client client) {
        super(client);
    }

    boolean goneAway(SocketAddress local) {
        return local != null && goneAway.contains(local);
    }

    void forgetGoAways() {
        goneAway.clear();
    }

    @Override
    protected Connection newConnection(Destination destination, Session session, HTTP2Connection connection) {
        return new HttpConnectionOverHTTP2(destination, session, connection) {
            @Override
            public void close() {
                // The last stream's release closes it again.
                if (!getHttpChannels().hasNext()) {
                    super.close();
                }
            }
        };
    }

    @Override
    protected void connect(Transport transport, SslContextFactory.Client sslContextFactory, SocketAddress address, Session.Listener listener,
                           Promise<Session> promise, Map<String, Object> context) {
        super.connect(transport, sslContextFactory, address, new GoAwayWatcher(listener), promise, context);
    }

    /** Jetty's session listener, told first of a GOAWAY. */
    private final class GoAwayWatcher implements Session.Listener {
        private final Session.Listener jetty;

        GoAwayWatcher(Session.Listener jetty) {
            this.jetty = jetty;
        }

        @Override
        public void onGoAway(Session session, GoAwayFrame frame) {
            goneAway.add(session.getLocalSocketAddress());
            jetty.onGoAway(session, frame);
        }

        @Override
        public Map<Integer, Integer> onPreface(Session session) {
            return jetty.onPreface(session);
        }

        @Override
        public Stream.Listener onNewStream(Stream stream, HeadersFrame frame) {
            return jetty.onNewStream(stream, frame);
        }

        @Override
        public void onSettings(Session session, SettingsFrame frame) {
            jetty.onSettings(session, frame);
        }

        @Override
        public void onPing(Session session, PingFrame frame) {
            jetty.onPing(session, frame);
        }

        @Override
        public void onReset(Session session, ResetFrame frame) {
            jetty.onReset(session, frame);
        }

        @Override
        public void onClose(Session session, GoAwayFrame frame, Callback callback) {
            jetty.onClose(session, frame, callback);
        }

        @Override
        public boolean onIdleTimeout(Session session) {
            return jetty.onIdleTimeout(session);
        }

        @Override
        public void onFailure(Session session, Throwable failure, Callback callback) {
            jetty.onFailure(session, failure, callback);
        }
    }
}
