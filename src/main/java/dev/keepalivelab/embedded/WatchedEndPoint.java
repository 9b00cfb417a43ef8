package dev.keepalivelab.embedded;

import dev.keepalivelab.lab.ConnectionDecision.Reason;
import dev.keepalivelab.lab.ConnectionEnd;
import dev.keepalivelab.lab.ConnectionEnd.Closer;
import dev.keepalivelab.lab.LabConnection;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
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
final class WatchedEndPoint extends SocketChannelEndPoint implements ResponseBytes.Counted {
    /** What ended the connection first. */
    enum Cause {
        /** The server shut its output after a response, or closed the socket. */
        SERVER_CLOSE,
        /** The client closed or reset its end. */
        CLIENT_CLOSE,
        /** The idle timeout (or the request timeout, while a request was in progress) expired. */
        TIMEOUT,
        /** The connection failed. */
        ERROR
    }

    private final AtomicReference<Cause> cause = new AtomicReference<>();
    private final BooleanSupplier serverStopping;
    private volatile Instant endedAt;
    private volatile LabConnection labConnection;
    private boolean endReported;
    private final ResponseBytes responseBytes = new ResponseBytes();

    WatchedEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler,
                    BooleanSupplier serverStopping) {
        super(channel, selector, key, scheduler);
        this.serverStopping = serverStopping;
    }

    /** The first thing that ended this connection, or null while it is open. */
    Cause cause() {
        return cause.get();
    }

    /** What the kernel took of each cleartext HTTP/1.x response. */
    @Override
    public ResponseBytes responseBytes() {
        return responseBytes;
    }

    /** The client ended the connection, as a layer above the socket (TLS's close_notify) saw first. */
    void clientClosed() {
        ended(Cause.CLIENT_CLOSE);
    }

    /** Tells {@code connection} when this connection ends, now if it already has. */
    void watchedBy(LabConnection connection) {
        if (labConnection != connection) {
            labConnection = connection;
            reportEnd();
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
        long before = ResponseBytes.remaining(buffers);
        try {
            return super.flush(buffers);
        } catch (IOException e) {
            ended(Cause.CLIENT_CLOSE);
            throw e;
        } finally {
            responseBytes.flushed(before - ResponseBytes.remaining(buffers));
        }
    }

    @Override
    protected void onIdleExpired(TimeoutException timeout) {
        ended(Cause.TIMEOUT);
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

    @Override
    public void onClose(Throwable failure) {
        ended(failure == null ? Cause.SERVER_CLOSE : failure instanceof TimeoutException ? Cause.TIMEOUT : Cause.ERROR);
        super.onClose(failure);
    }

    private void ended(Cause first) {
        if (cause.compareAndSet(null, first)) {
            endedAt = Instant.now();
            reportEnd();
        }
    }

    private synchronized void reportEnd() {
        LabConnection connection = labConnection;
        Cause first = cause.get();
        if (connection == null || first == null || endReported) {
            return;
        }
        endReported = true;
        connection.end(switch (first) {
            case SERVER_CLOSE -> new ConnectionEnd(Closer.SERVER, serverStopping.getAsBoolean() ? Reason.SHUTDOWN : null, endedAt);
            case CLIENT_CLOSE -> new ConnectionEnd(Closer.CLIENT, Reason.CLIENT, endedAt);
            case TIMEOUT -> new ConnectionEnd(Closer.SERVER, Reason.IDLE_TIMEOUT, endedAt);
            case ERROR -> new ConnectionEnd(Closer.SERVER, Reason.ERROR, endedAt);
        });
    }
}
