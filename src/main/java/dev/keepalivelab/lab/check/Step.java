package dev.keepalivelab.lab.check;

import dev.keepalivelab.fault.FaultType;
import dev.keepalivelab.settings.ConnectionPolicy;

import java.time.Duration;

/**
 * What one step's response does to its connection: the lab's connection policy for it, and the fault it carries, as
 * {@code ?connection=} and {@code ?fault=} would ask; a timed check's step also sets what the connection promises and
 * how long it lives idle.
 *
 * @param policy        keep-alive for a step whose connection the client may reuse; close to end it ({@code Connection:
 *                      close} on HTTP/1.x, GOAWAY on HTTP/2)
 * @param fault         the fault the response carries, or null
 * @param keepAliveHint the {@code Keep-Alive: timeout} the response advertises (HTTP/1.x), or null for the lab's own
 * @param idleTimeout   the connection's idle timeout from this response on, or null for the lab's own
 */
record Step(ConnectionPolicy policy, FaultType fault, Duration keepAliveHint, Duration idleTimeout) {
    static final Step KEPT = new Step(ConnectionPolicy.KEEP_ALIVE, null, null, null);
    static final Step CLOSED = new Step(ConnectionPolicy.CLOSE, null, null, null);

    static Step kept(FaultType fault) {
        return new Step(ConnectionPolicy.KEEP_ALIVE, fault, null, null);
    }

    /** A response kept alive whose connection's idle timeout is {@code idleTimeout}, advertised as {@code keepAliveHint} (null for none). */
    static Step keptIdle(Duration keepAliveHint, Duration idleTimeout) {
        return new Step(ConnectionPolicy.KEEP_ALIVE, null, keepAliveHint, idleTimeout);
    }
}
