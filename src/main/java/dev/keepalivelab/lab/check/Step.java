package dev.keepalivelab.lab.check;

import dev.keepalivelab.fault.FaultType;
import dev.keepalivelab.settings.ConnectionPolicy;

/**
 * What one step's response does to its connection: the lab's connection policy for it, and the fault it carries, as
 * {@code ?connection=} and {@code ?fault=} would ask.
 *
 * @param policy keep-alive for a step whose connection the client may reuse; close to end it ({@code Connection: close}
 *               on HTTP/1.x, GOAWAY on HTTP/2)
 * @param fault  the fault the response carries, or null
 */
record Step(ConnectionPolicy policy, FaultType fault) {
    static final Step KEPT = new Step(ConnectionPolicy.KEEP_ALIVE, null);
    static final Step CLOSED = new Step(ConnectionPolicy.CLOSE, null);

    static Step kept(FaultType fault) {
        return new Step(ConnectionPolicy.KEEP_ALIVE, fault);
    }
}
