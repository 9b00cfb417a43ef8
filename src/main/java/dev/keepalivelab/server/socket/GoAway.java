package dev.keepalivelab.server.socket;

import org.eclipse.jetty.http2.CloseState;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.http2.HTTP2Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Attributes;
import org.eclipse.jetty.util.Callback;

/**
 * Ends an HTTP/2 connection as nginx does at {@code keepalive_requests}: GOAWAY (no error, its debug data the lab's
 * rule) as soon as the request that reaches the rule is decided, before its response, its last stream the highest the
 * client has opened, so that nothing it sent is refused. Those streams finish at their own pace, under the idle and
 * request timeouts as any stream; once the last has closed, the server shuts its output and the socket closes when the
 * client closes its end (or at the idle timeout), so that a slow reader's last bytes are not lost to a reset.
 * <p>
 * Jetty's session alone never closes after a GOAWAY that names a last stream: it waits for the client's GOAWAY, its
 * close, or the idle timeout ({@code HTTP2Session.StreamsState}: only a graceful GOAWAY, last stream 2^31-1 as a
 * graceful stop sends, has a zero-streams action). Streams the client opens above the last are dropped by Jetty
 * unprocessed, which RFC 9113, 6.8 lets the client retry on a new connection.
 */
public final class GoAway {
    /** Connection attribute: the rule for which the lab sent GOAWAY, set before it is sent. */
    private static final String RULE = GoAway.class.getName() + ".rule";

    private GoAway() {
    }

    /** Sends GOAWAY for {@code rule}, unless the connection has gone away already (an earlier stream's rule, the client). */
    public static void send(HTTP2Connection connection, String rule) {
        HTTP2Session session = connection.getSession();
        if (session.getCloseState() != CloseState.NOT_CLOSED || !(connection instanceof Attributes attributes)) {
            return;
        }
        attributes.setAttribute(RULE, rule);
        WatchedEndPoint.under(connection.getEndPoint()).ifPresent(WatchedEndPoint::serverWentAway);
        // Its last stream is the highest the session has seen (HTTP2Session.newGoAwayFrame): every stream the client opened.
        session.close(ErrorCode.NO_ERROR.code, rule, Callback.NOOP);
    }

    /**
     * After each stream of a session closes: once the lab has gone away and no stream is left open, shuts the
     * connection's output. Each closing stream looks, and a stream is closed before it is told, so the last one sees
     * that all are.
     */
    static void streamClosed(Stream stream, EndPoint endPoint) {
        Connection connection = endPoint.getConnection();
        if (connection instanceof Attributes attributes && attributes.getAttribute(RULE) != null
                && stream.getSession().getStreams().stream().allMatch(Stream::isClosed)) {
            endPoint.shutdownOutput();
        }
    }
}
