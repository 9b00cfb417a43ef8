package dev.keepalivelab.server.socket;

import org.eclipse.jetty.http2.CloseState;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.util.Callback;

import java.time.Duration;

/**
 * Ends an HTTP/2 connection as nginx does at {@code keepalive_requests}: GOAWAY (no error, its debug data the lab's
 * rule, its last stream the last one the server took), the streams already taken finish, then the connection closes.
 * Jetty's session alone waits for the client's GOAWAY, or for the idle timeout; after the lab's GOAWAY the idle timeout
 * is {@link #IDLE_AFTER_GOAWAY}, so that the connection closes that long after its last frame.
 */
public final class GoAway {
    /** The idle timeout once the lab has sent GOAWAY: Jetty's, and the lab's, idle timeout at a graceful stop. */
    public static final Duration IDLE_AFTER_GOAWAY = Duration.ofSeconds(1);

    private GoAway() {
    }

    public static void send(HTTP2Connection connection, String rule) {
        if (connection.getSession().getCloseState() != CloseState.NOT_CLOSED) {
            return; // Gone away already, at an earlier stream's rule or the client's word.
        }
        WatchedEndPoint.under(connection.getEndPoint()).ifPresent(WatchedEndPoint::serverWentAway);
        connection.getSession().close(ErrorCode.NO_ERROR.code, rule,
                Callback.from(() -> connection.getEndPoint().setIdleTimeout(IDLE_AFTER_GOAWAY.toMillis())));
    }
}
