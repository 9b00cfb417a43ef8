package dev.keepalivelab.server.socket;

import dev.keepalivelab.lab.connection.ConnectionEnd;
import dev.keepalivelab.lab.connection.ConnectionEnd.Closer;
import dev.keepalivelab.lab.connection.LabConnection;
import dev.keepalivelab.lab.protocol.CloseReason;
import dev.keepalivelab.lab.protocol.ConnectionDecision.Reason;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * A socket end point that sees what only the socket sees: which end closed the connection first and why, and how many
 * bytes of each response the kernel took. It carries the lab's connection, made when the socket was accepted, and
 * tells it when the connection ends.
 */
public final class WatchedEndPoint extends SocketChannelEndPoint implements ResponseBytes.Counted {
    /** What ended the connection first, as the socket saw it; each maps to a {@link ConnectionEnd} in {@link #ended}. */
    private enum Cause {
        /** The server shut its output after a response, or closed the socket. */
        SERVER_CLOSE,
        /** The client closed or reset its end. */
        CLIENT_CLOSE,
        /** The idle timeout (or the request timeout, while a request was in progress) expired. */
        TIMEOUT,
        /** The connection failed. */
        ERROR
    }

    /** The selector of the socket whose close runs on this thread, while it runs. */
    private static final ThreadLocal<ManagedSelector> CLOSING_ON = new ThreadLocal<>();

    private final LabConnection labConnection = LabConnection.accepted();
    private final ManagedSelector selector;
    private final AtomicReference<ConnectionEnd> end = new AtomicReference<>();
    private final BooleanSupplier serverStopping;
    private volatile boolean closeAtTimeout;
    /** The idle timeout the lab holds this connection to, in ms, whatever Jetty sets; 0 for none. */
    private volatile long heldIdleTimeout;
    private final ResponseBytes responseBytes = new ResponseBytes();

    WatchedEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler,
                    BooleanSupplier serverStopping) {
        super(channel, selector, key, scheduler);
        this.selector = selector;
        this.serverStopping = serverStopping;
    }

    /** The watched socket under {@code endPoint}: the end point itself, or the socket under TLS's plaintext side. */
    public static Optional<WatchedEndPoint> under(EndPoint endPoint) {
        EndPoint socket = endPoint instanceof SslConnection.SslEndPoint tls ? tls.getSslConnection().getEndPoint() : endPoint;
        return socket instanceof WatchedEndPoint watched ? Optional.of(watched) : Optional.empty();
    }

    /**
     * The watched socket of {@code request}'s connection.
     *
     * @throws IllegalStateException where the connector does not watch its sockets
     */
    public static WatchedEndPoint of(Request request) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        return under(endPoint).orElseThrow(() -> new IllegalStateException("not a watched connection: " + endPoint));
    }

    /** The lab's connection on this socket, made when the socket was accepted. */
    public LabConnection labConnection() {
        return labConnection;
    }

    /** How this connection ended first, or null while it is open. */
    public ConnectionEnd end() {
        return end.get();
    }

    /** What the kernel took of each cleartext HTTP/1.x response. */
    @Override
    public ResponseBytes responseBytes() {
        return responseBytes;
    }

    /** The server ended the connection with HTTP/2's GOAWAY: its streams may still finish, but it has ended. */
    void serverWentAway() {
        ended(Cause.SERVER_CLOSE);
    }

    /** The client ended the connection, as a layer above the socket saw first (TLS's close_notify, HTTP/2's GOAWAY). */
    void clientClosed() {
        ended(Cause.CLIENT_CLOSE);
    }

    @Override
    public int fill(ByteBuffer buffer) throws IOException {
        int filled = super.fill(buffer);
        if (filled < 0) {
            ended(Cause.CLIENT_CLOSE);
        }
        return filled;
    }

    @Override
    public void write(Callback callback, ByteBuffer... buffers) {
        responseBytes.beforeWrite(buffers);
        super.write(callback, buffers);
    }

    @Override
    public boolean flush(ByteBuffer... buffers) throws IOException {
        try {
            return responseBytes.flush(buffers, super::flush);
        } catch (IOException e) {
            ended(Cause.CLIENT_CLOSE);
            throw e;
        }
    }

    /**
     * From now on, the idle timeout is {@code millis}: Jetty's own settings of it (the request timeout at a request's
     * start, the idle timeout restored at its end) give way to it.
     */
    void holdIdleTimeout(long millis) {
        heldIdleTimeout = millis;
        super.setIdleTimeout(millis);
    }

    @Override
    public void setIdleTimeout(long idleTimeout) {
        long held = heldIdleTimeout;
        super.setIdleTimeout(held > 0 ? held : idleTimeout);
    }

    /** At the next idle (or request) timeout, close the socket without letting the connection answer the timeout. */
    void closeAtTimeout() {
        closeAtTimeout = true;
    }

    @Override
    protected void onIdleExpired(TimeoutException timeout) {
        ended(Cause.TIMEOUT);
        if (closeAtTimeout) {
            // The socket first, so that nothing more goes out; then the connection, which tells its exchange it failed.
            close(timeout);
            Connection connection = getConnection();
            if (connection != null) {
                connection.close();
            }
            return;
        }
        super.onIdleExpired(timeout);
    }

    @Override
    protected void doShutdownOutput() {
        ended(Cause.SERVER_CLOSE);
        super.doShutdownOutput();
    }

    /** Before the socket closes, so that the record knows before the client can see it. */
    @Override
    public void doClose() {
        ended(Cause.SERVER_CLOSE);
        super.doClose();
    }

    /**
     * A socket closed while the selector handled its key has no interest to update: Jetty would ask its cancelled key and
     * catch the CancelledKeyException, one exception and its stack trace per connection the lab closes.
     */
    @Override
    public void updateKey() {
        if (getChannel().isOpen()) {
            super.updateKey();
        }
    }

    /** The HTTP/2 connection this socket carries, directly (h2c) or under TLS (h2); null for HTTP/1.x. */
    private HTTP2Connection http2Above() {
        Connection above = getConnection();
        if (above instanceof SslConnection tls) {
            above = tls.getSslEndPoint().getConnection();
        }
        return above instanceof HTTP2Connection http2 ? http2 : null;
    }

    @Override
    public void onClose(Throwable failure) {
        ended(failure == null ? Cause.SERVER_CLOSE : failure instanceof TimeoutException ? Cause.TIMEOUT : Cause.ERROR);
        ManagedSelector outer = CLOSING_ON.get();
        CLOSING_ON.set(selector);
        try {
            super.onClose(failure);
        } finally {
            CLOSING_ON.set(outer);
        }
    }

    /** The selector of the socket whose close is running on this thread; null when none is. */
    static ManagedSelector selectorClosingOnThisThread() {
        return CLOSING_ON.get();
    }

    /** The first end counts: it is the connection's, told to the lab's connection at once. */
    private void ended(Cause cause) {
        if (end.get() != null) {
            return;
        }
        Closer closer = cause == Cause.CLIENT_CLOSE ? Closer.CLIENT : Closer.SERVER;
        CloseReason reason = switch (cause) {
            // An HTTP/1.x response that closed says why once its exchange is finished; an HTTP/2 close the lab did not
            // ask for (its GOAWAY would say so) is Jetty's, for a protocol error or a flood.
            case SERVER_CLOSE -> serverStopping.getAsBoolean() ? Reason.SHUTDOWN : http2Above() != null ? Reason.ERROR : null;
            case CLIENT_CLOSE -> Reason.CLIENT;
            case TIMEOUT -> Reason.IDLE_TIMEOUT;
            case ERROR -> Reason.ERROR;
        };
        ConnectionEnd first = new ConnectionEnd(closer, reason, Instant.now());
        if (end.compareAndSet(null, first)) {
            labConnection.end(first);
        }
    }
}
