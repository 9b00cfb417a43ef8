package dev.keepalivelab.server.socket;

import dev.keepalivelab.lab.protocol.ConnectionDecision.Reason;
import dev.keepalivelab.lab.ConnectionEnd;
import dev.keepalivelab.lab.ConnectionEnd.Closer;
import dev.keepalivelab.lab.LabConnection;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * A socket end point that sees what only the socket sees: which end closed the connection first and why, and how many
 * bytes of each response the kernel took. It tells the lab's connection when the connection ends.
 */
public final class WatchedEndPoint extends SocketChannelEndPoint implements ResponseBytes.Counted {
    /** What ended the connection first. */
    public enum Cause {
        /** The server shut its output after a response, or closed the socket. */
        SERVER_CLOSE,
        /** The client closed or reset its end. */
        CLIENT_CLOSE,
        /** The idle timeout (or the request timeout, while a request was in progress) expired. */
        TIMEOUT,
        /** The connection failed. */
        ERROR
    }

    /** The first end, made whole before it is published. */
    private record Ended(Cause cause, Instant time, boolean serverStopping, boolean http2) {
    }

    private final AtomicReference<Ended> ended = new AtomicReference<>();
    private final BooleanSupplier serverStopping;
    private volatile LabConnection labConnection;
    private boolean endReported;
    private volatile boolean closeAtTimeout;
    private final ResponseBytes responseBytes = new ResponseBytes();

    WatchedEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler,
                    BooleanSupplier serverStopping) {
        super(channel, selector, key, scheduler);
        this.serverStopping = serverStopping;
    }

    /** The first thing that ended this connection, or null while it is open. */
    public Cause cause() {
        Ended first = ended.get();
        return first == null ? null : first.cause();
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

    /** Tells {@code connection}, the lab's record of this connection, when it ends (now, if it already has). */
    public void watchedBy(LabConnection connection) {
        if (labConnection == null) {
            labConnection = connection;
            reportEnd();
            if (!isOpen()) {
                connection.release();
            }
        }
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
        LabConnection connection = labConnection;
        if (connection != null) {
            connection.release();
        }
        super.onClose(failure);
    }

    private void ended(Cause first) {
        if (ended.get() == null
                && ended.compareAndSet(null, new Ended(first, Instant.now(), serverStopping.getAsBoolean(), http2Above() != null))) {
            reportEnd();
        }
    }

    private synchronized void reportEnd() {
        LabConnection connection = labConnection;
        Ended first = ended.get();
        if (connection == null || first == null || endReported) {
            return;
        }
        endReported = true;
        connection.end(switch (first.cause()) {
            // An HTTP/1.x response that closed says why once its exchange is finished; an HTTP/2 close the lab did not
            // ask for (its GOAWAY would say so) is Jetty's, for a protocol error or a flood.
            case SERVER_CLOSE -> new ConnectionEnd(Closer.SERVER,
                    first.serverStopping() ? Reason.SHUTDOWN : first.http2() ? Reason.ERROR : null, first.time());
            case CLIENT_CLOSE -> new ConnectionEnd(Closer.CLIENT, Reason.CLIENT, first.time());
            case TIMEOUT -> new ConnectionEnd(Closer.SERVER, Reason.IDLE_TIMEOUT, first.time());
            case ERROR -> new ConnectionEnd(Closer.SERVER, Reason.ERROR, first.time());
        });
    }
}
