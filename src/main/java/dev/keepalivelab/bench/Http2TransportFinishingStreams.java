package dev.keepalivelab.bench;

import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.http2.HTTP2Session;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.http2.client.transport.internal.HttpChannelOverHTTP2;
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
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Jetty's HTTP/2 transport, with three things a browser has. A connection the server's GOAWAY took out of the pool
 * closes after its last stream instead of at the end of the first: Jetty 12.1.14 closes it as soon as any stream is
 * released (one the GOAWAY refused, say) and aborts the streams the server still answers (jetty/jetty.project#15368).
 * A connection the bench closes is closed, not left waiting for the server to answer its GOAWAY.
 * And it knows which connections the server ended with a GOAWAY, which {@link RetryRule} asks.
 */
final class Http2TransportFinishingStreams extends HttpClientTransportOverHTTP2 {
    /** The last stream id named by the latest GOAWAY on each connection (by local address), since {@link #forgetGoAways()}. */
    private final Map<SocketAddress, Integer> goneAway = new ConcurrentHashMap<>();

    Http2TransportFinishingStreams(HTTP2Client client) {
        super(client);
    }

    /** The last stream id of the latest GOAWAY the server sent on the connection at {@code local}, if it sent one. */
    OptionalInt goAwayLastStream(SocketAddress local) {
        Integer last = local == null ? null : goneAway.get(local);
        return last == null ? OptionalInt.empty() : OptionalInt.of(last);
    }

    void forgetGoAways() {
        goneAway.clear();
    }

    @Override
    protected Connection newConnection(Destination destination, Session session, HTTP2Connection connection) {
        return new ClosingAfterLastStream(destination, session, connection);
    }

    /**
     * A connection that, asked to close while streams are still on it, closes when the last of them is released, and
     * that closes its socket once its GOAWAY is written: Jetty's client would wait for the server's GOAWAY in reply, which
     * nginx does not send, and keep the connection until its idle timeout, where a browser done with it closes it.
     */
    private static final class ClosingAfterLastStream extends HttpConnectionOverHTTP2 {
        private final AtomicBoolean closeAsked = new AtomicBoolean();
        private final AtomicBoolean closing = new AtomicBoolean();

        ClosingAfterLastStream(Destination destination, Session session, HTTP2Connection connection) {
            super(destination, session, connection);
        }

        @Override
        public void close() {
            closeAsked.set(true);
            if (getHttpChannels().hasNext() || !closing.compareAndSet(false, true)) {
                return;
            }
            HTTP2Session session = (HTTP2Session) getSession();
            session.close(ErrorCode.NO_ERROR.code, "close", Callback.from(session::disconnect, failure -> session.disconnect()));
            super.close();
        }

        @Override
        protected void release(HttpChannelOverHTTP2 channel) {
            super.release(channel);
            // Once the connection has left its pool, no one else closes it.
            if (closeAsked.get() && !getHttpChannels().hasNext()) {
                close();
            }
        }
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
            goneAway.put(session.getLocalSocketAddress(), frame.getLastStreamId());
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
