package dev.keepalivelab.server.socket;

import dev.keepalivelab.lab.SocketControl;
import dev.keepalivelab.fault.Fault;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.http2.HTTP2Stream;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.time.Duration;

/**
 * A request's connection as a fault acts on it (closed, reset or held; on HTTP/2 its stream refused, or left below a
 * GOAWAY) and as the lab's rule ends it on HTTP/2 (GOAWAY), through Jetty's end points, sessions and streams.
 */
public final class SocketFaults implements SocketControl {
    /** The connection's end point: TLS's plaintext side on HTTPS, else the socket. */
    private final EndPoint endPoint;
    private final WatchedEndPoint socket;
    private final Connection connection;
    private final Scheduler scheduler;
    /** The request's HTTP/2 stream id; 0 on HTTP/1.x. */
    private final int stream;

    private SocketFaults(EndPoint endPoint, WatchedEndPoint socket, Connection connection, Scheduler scheduler, int stream) {
        this.endPoint = endPoint;
        this.socket = socket;
        this.connection = connection;
        this.scheduler = scheduler;
        this.stream = stream;
    }

    /** The faults of {@code request}'s connection, where the connector watches its socket. */
    public static SocketFaults of(Request request) {
        Connection connection = request.getConnectionMetaData().getConnection();
        // Jetty's request id is the stream id on HTTP/2.
        return new SocketFaults(connection.getEndPoint(), WatchedEndPoint.of(request), connection,
                request.getComponents().getScheduler(), connection instanceof HTTP2Connection ? Integer.parseInt(request.getId()) : 0);
    }

    @Override
    public void goAway(String rule) {
        if (connection instanceof HTTP2Connection http2) {
            GoAway.send(http2, rule, scheduler);
        }
    }

    /** Jetty sends one RST_STREAM a stream: a later reset of it (the aborted exchange's) sends nothing. */
    @Override
    public void refuseStream() {
        if (connection instanceof HTTP2Connection http2) {
            HTTP2Stream refused = http2.getSession().getStream(stream);
            if (refused != null) {
                refused.reset(new ResetFrame(stream, ErrorCode.REFUSED_STREAM_ERROR.code), Callback.NOOP);
            }
        }
    }

    @Override
    public void goAwayBelow(String reason) {
        if (connection instanceof HTTP2Connection http2) {
            GoAway.below(http2, stream, reason, scheduler);
        }
    }

    @Override
    public void close() {
        endPoint.close();
    }

    /** SO_LINGER 0 makes the kernel answer the close with RST and drop what it has not sent. */
    @Override
    public void reset() {
        try {
            socket.getChannel().setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException e) {
            if (socket.isOpen()) {
                throw new UncheckedIOException("cannot set SO_LINGER for a reset", e);
            }
        }
        socket.close();
    }

    @Override
    public void holdIdleTimeout(Duration timeout) {
        socket.holdIdleTimeout(timeout.toMillis());
    }

    /** At most {@link Fault#MAX_DURATION} from now, whatever the idle timeout. */
    @Override
    public void closeAtTimeout() {
        socket.closeAtTimeout();
        long timeout = socket.getIdleTimeout();
        socket.setIdleTimeout(timeout > 0 ? Math.min(timeout, Fault.MAX_DURATION.toMillis()) : Fault.MAX_DURATION.toMillis());
    }
}
