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
 * @param firstAttemptOnly whether only the step's first request gets the fault, and a request for it again is answered
 */
record Step(ConnectionPolicy policy, FaultType fault, Duration keepAliveHint, Duration idleTimeout, boolean firstAttemptOnly) {
    static final Step KEPT = new Step(ConnectionPolicy.KEEP_ALIVE, null, null, null, false);
    static final Step CLOSED = new Step(ConnectionPolicy.CLOSE, null, null, null, false);

    static Step kept(FaultType fault) {
        return new Step(ConnectionPolicy.KEEP_ALIVE, fault, null, null, false);
    }

    /** A step whose first request gets {@code fault} in place of its response, and whose request sent again is answered. */
    static Step firstAttempt(FaultType fault) {
        return new Step(ConnectionPolicy.KEEP_ALIVE, fault, null, null, true);
    }

    /** A response kept alive whose connection's idle timeout is {@code idleTimeout}, advertised as {@code keepAliveHint} (null for none). */
    static Step keptIdle(Duration keepAliveHint, Duration idleTimeout) {
        return new Step(ConnectionPolicy.KEEP_ALIVE, null, keepAliveHint, idleTimeout, false);
    }
}
