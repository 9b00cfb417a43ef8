package dev.keepalivelab.lab.connection;

import dev.keepalivelab.lab.protocol.CloseReason;
import dev.keepalivelab.lab.protocol.Protocol;

import java.time.Instant;

/**
 * A connection as seen at one moment.
 *
 * @param closed      whether it has ended; null where the server never says and the lab did not close it
 * @param closeReason why it ended, or null while open or where unknown
 * @param closedBy    who closed it, or null while open or where unknown
 * @param closedAt    when it ended, or null while open or where unknown
 */
public record ConnectionView(String label, int remotePort, Protocol protocol, boolean tls, int requests, Instant firstSeen,
                             Instant lastSeen, Boolean closed, CloseReason closeReason, ConnectionEnd.Closer closedBy,
                             Instant closedAt) {
}
