package dev.keepalivelab.lab.connection;

import dev.keepalivelab.fault.Fault;
import dev.keepalivelab.lab.protocol.CloseReason;
import dev.keepalivelab.lab.protocol.Protocol;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * One connection to the lab: its label, its requests, the on-reuse fault armed on it and, once it ended, how. A server
 * that watches its sockets makes it when it accepts the socket ({@link #accepted()}) and reports its end
 * ({@link #end}); elsewhere the {@link ConnectionRegistry} finds it by the container's key. It gets its label at its
 * first request: a connection that never carries one is never labelled nor recorded.
 * <p>
 * Its state is guarded by its own lock: the socket takes only that one to report the end, and the lab's history takes
 * it inside its own, so that a snapshot sees a request's outcome and its connection's together.
 */
public final class LabConnection {
    /** The index that found it by key, or null for a connection made at accept. */
    private final ConnectionRegistry index;
    private final Object key;
    private String label;
    private int remotePort;
    private Protocol protocol;
    private boolean tls;
    private Instant firstSeen;
    private Instant lastSeen;
    private int requests;
    private int inFlight;
    /** Why a response closed it (the lab's rule or the server's reason), or null. */
    private CloseReason closeReason;
    /** The on-reuse fault its next request springs, or null. */
    private Fault armedFault;
    /** How it ended, or null while open (or where the server never says). */
    private ConnectionEnd end;

    LabConnection(ConnectionRegistry index, Object key) {
        this.index = index;
        this.key = key;
    }

    /** A connection the server made when it accepted its socket, and whose end it reports. */
    public static LabConnection accepted() {
        return new LabConnection(null, null);
    }

    /**
     * Counts a request on the connection; its first request gives it {@code newLabel}'s label and its port, protocol and
     * TLS. An HTTP/1.1 connection that a request upgrades to h2c speaks HTTP/2 from that request on.
     *
     * @return the request's 1-based index on the connection
     */
    public synchronized int begin(Supplier<String> newLabel, int remotePort, Protocol protocol, boolean tls, Instant now) {
        if (label == null) {
            label = newLabel.get();
            this.remotePort = remotePort;
            this.protocol = protocol;
            this.tls = tls;
            firstSeen = now;
        } else if (protocol.isHttp2()) {
            this.protocol = protocol;
        }
        lastSeen = now;
        inFlight++;
        return ++requests;
    }

    /** A response was finished: its request is no longer in flight. */
    public synchronized void responseFinished() {
        inFlight--;
    }

    /** Arms {@code fault}, an on-reuse fault, for the connection's next request. */
    public synchronized void arm(Fault fault) {
        armedFault = fault;
    }

    /** The armed on-reuse fault, which the request that asks for it springs (and disarms); or null. */
    public synchronized Fault springArmedFault() {
        Fault sprung = armedFault;
        armedFault = null;
        return sprung;
    }

    /** A response closed the connection, for {@code closeReason}. */
    public synchronized void responseClosed(CloseReason closeReason) {
        this.closeReason = closeReason;
    }

    /** Whether a response closed the connection. */
    public synchronized boolean responseClosed() {
        return closeReason != null;
    }

    /**
     * Records how the connection ended; the first report counts. An HTTP/2 connection can end (GOAWAY) while the
     * streams it already took are still served on it.
     */
    public synchronized void end(ConnectionEnd end) {
        if (this.end == null) {
            this.end = end;
        }
    }

    /** The lab closed the connection: the index forgets it, so that its key starts a new one. */
    public void forget() {
        if (index != null) {
            index.forget(key, this);
        }
    }

    /** The connection's label, e.g. {@code c3}; null until its first request. */
    public synchronized String label() {
        return label;
    }

    /** The protocol the connection speaks, as its first request said. */
    public synchronized Protocol protocol() {
        return protocol;
    }

    public synchronized Instant firstSeen() {
        return firstSeen;
    }

    /**
     * The connection now; where {@code serverReportsConnections} its end says whether it is closed, else only a
     * response that closed it does.
     */
    public synchronized ConnectionView view(boolean serverReportsConnections) {
        // While a response is in progress its outcome, not the socket, says why the connection ended.
        CloseReason reason = closeReason != null ? closeReason : end == null || inFlight > 0 ? null : end.reason();
        Boolean closed = serverReportsConnections ? Boolean.valueOf(end != null) : closeReason != null ? Boolean.TRUE : null;
        return new ConnectionView(label, remotePort, protocol, tls, requests, firstSeen, lastSeen, closed, reason,
                end == null ? null : end.closedBy(), end == null ? null : end.time());
    }
}
