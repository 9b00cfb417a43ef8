package dev.keepalivelab.server.socket;

import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.api.server.ServerSessionListener;
import org.eclipse.jetty.http2.frames.GoAwayFrame;
import org.eclipse.jetty.http2.frames.PingFrame;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;

/**
 * HTTP/2 factories whose sessions tell the socket when the client sends GOAWAY (the client ends that connection, even
 * though the server closes the socket after it), and {@link GoAway} when a PING is answered and when a stream closes.
 */
public final class WatchedHttp2 {
    private WatchedHttp2() {
    }

    /** h2 over TLS. */
    public static HTTP2ServerConnectionFactory overTls(HttpConfiguration config) {
        return new HTTP2ServerConnectionFactory(config) {
            @Override
            protected ServerSessionListener newSessionListener(Connector connector, EndPoint endPoint) {
                // Jetty's listener is also every stream's: it hears each stream close.
                return new HTTPServerSessionListener(endPoint) {
                    @Override
                    public void onGoAway(Session session, GoAwayFrame frame) {
                        clientWentAway(endPoint);
                    }

                    @Override
                    public void onPing(Session session, PingFrame frame) {
                        GoAway.pingAcknowledged(frame, endPoint);
                    }

                    @Override
                    public void onClosed(Stream stream) {
                        GoAway.streamClosed(endPoint);
                    }
                };
            }
        };
    }

    /** h2c on the plain port: the same listener, which Jetty's protected class lets only a factory make. */
    public static HTTP2CServerConnectionFactory cleartext(HttpConfiguration config) {
        return new HTTP2CServerConnectionFactory(config) {
            @Override
            protected ServerSessionListener newSessionListener(Connector connector, EndPoint endPoint) {
                return new HTTPServerSessionListener(endPoint) {
                    @Override
                    public void onGoAway(Session session, GoAwayFrame frame) {
                        clientWentAway(endPoint);
                    }

                    @Override
                    public void onPing(Session session, PingFrame frame) {
                        GoAway.pingAcknowledged(frame, endPoint);
                    }

                    @Override
                    public void onClosed(Stream stream) {
                        GoAway.streamClosed(endPoint);
                    }
                };
            }
        };
    }

    private static void clientWentAway(EndPoint endPoint) {
        WatchedEndPoint.under(endPoint).ifPresent(WatchedEndPoint::clientClosed);
    }
}
