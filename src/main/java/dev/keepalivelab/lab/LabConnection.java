package dev.keepalivelab.lab;

import dev.keepalivelab.lab.protocol.CloseReason;
import dev.keepalivelab.lab.fault.Fault;
import dev.keepalivelab.lab.protocol.Protocol;

import java.time.Instant;

/**
 * A connection the lab has seen a request on: its label, its requests and, once it ended, how. The server reports
 * the end through {@link #end}; state is guarded by the registry's lock.
 */
public final class LabConnection {
    private final ConnectionRegistry registry;
    final Object key;
    final String label;
    final int remotePort;
    final Protocol protocol;
    final boolean tls;
    final Instant firstSeen;
    Instant lastSeen;
    int requests;
    int inFlight;
    /** Why a response closed it (the lab's rule or the server's reason), or null. */
    CloseReason closedByResponse;
    /** The on-reuse fault its next request springs, or null. */
    Fault armedFault;
    /** How it ended, or null while open (or where the server never says). */
    ConnectionEnd end;

    LabConnection(ConnectionRegistry registry, Object key, String label, int remotePort, Protocol protocol, boolean tls,
                  Instant firstSeen) {
        this.registry = registry;
        this.key = key;
        this.label = label;
        this.remotePort = remotePort;
        this.protocol = protocol;
        this.tls = tls;
        this.firstSeen = firstSeen;
        this.lastSeen = firstSeen;
    }

    /**
     * Records how the connection ended; the first report counts. An HTTP/2 connection can end (GOAWAY) while the
     * streams it already took are still served on it.
     */
    public void end(ConnectionEnd end) {
        registry.end(this, end);
    }

    /** The connection's socket has closed: the lab stops counting requests on its key. */
    public void release() {
        registry.release(this);
    }

    /** The protocol the connection speaks. */
    public Protocol protocol() {
        return protocol;
    }

    String label() {
        return label;
    }

    Instant firstSeen() {
        return firstSeen;
    }
}
