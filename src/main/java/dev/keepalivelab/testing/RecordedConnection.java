package dev.keepalivelab.testing;

import java.time.Instant;
import java.util.Optional;

/**
 * One connection as the lab recorded it, a connection of {@code GET /connections}.
 *
 * @param label       its label, {@code c1}, {@code c2}, ... in order of its first request
 * @param remotePort  the client's port
 * @param protocol    as ALPN names it: {@code http/1.0}, {@code http/1.1}, {@code h2} or {@code h2c}
 * @param tls         whether it is over TLS
 * @param requests    how many requests it carried
 * @param firstSeen   when its first request arrived
 * @param lastSeen    when its last request arrived
 * @param closed      whether it has ended; empty where the lab cannot tell: in a servlet container (the WAR) only a
 *                    response that closed the connection says so, and a connection kept open may have ended since
 * @param closeReason why it ended, e.g. {@code idle-timeout}, {@code client}, {@code fault/reset-on-reuse}; empty while
 *                    open (and for a moment while a response that ended it is finished)
 * @param closedBy    {@code server} or {@code client}; empty while open
 * @param closedAt    when it ended; empty while open
 */
public record RecordedConnection(String label, int remotePort, String protocol, boolean tls, int requests,
                                 Instant firstSeen, Instant lastSeen, Optional<Boolean> closed, Optional<String> closeReason,
                                 Optional<String> closedBy, Optional<Instant> closedAt) {
}
