package dev.keepalivelab.support;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds what {@code /connections} says of each response against what the test's raw socket saw of it: a response
 * followed by another on the same socket was kept; one followed by the server's close was closed, unless the record
 * says the connection ended later for a reason of its own (an idle timeout). Every complete response took as many body
 * bytes as the socket read.
 */
final class RecordMatchesSocket {
    /**
     * Reasons that end a connection some time after a response that kept it: a timeout, a stop, or a fault sprung on
     * the next request.
     */
    private static final Set<String> LATER_ENDS = Set.of("idle-timeout", "shutdown", "fault/close-on-reuse", "fault/reset-on-reuse");
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private RecordMatchesSocket() {
    }

    /**
     * The record completes as the server finishes each response, a moment after its client read the last byte: asks
     * again until no response the sockets saw is in progress and every connection they saw close has ended, or
     * {@link #SETTLE} has passed.
     */
    private static Connections settled(int port, List<RawConnection.SocketSaw> seen) throws Exception {
        Connections record = Await.poll(SETTLE, () -> read(port), r -> r != null && settled(r, seen)).value();
        if (record == null) {
            throw new java.net.ConnectException("the lab on port " + port + " refused every connection for " + SETTLE.toMillis() + " ms");
        }
        return record;
    }

    /** The record, or null where a lab at its --max-connections cap stops listening until a connection closes. */
    private static Connections read(int port) throws IOException {
        try (RawConnection check = RawConnection.open(port)) {
            return Connections.parse(check.get("/connections").body());
        } catch (java.net.ConnectException refused) {
            return null;
        }
    }

    private static boolean settled(Connections record, List<RawConnection.SocketSaw> seen) {
        Set<String> inProgress = new java.util.HashSet<>();
        record.requests().stream().filter(r -> !r.finished()).forEach(r -> inProgress.add(r.connection() + "#" + r.index()));
        Set<String> open = new java.util.HashSet<>();
        record.connections().stream().filter(c -> !c.ended()).forEach(c -> open.add(c.label()));
        return seen.stream().noneMatch(saw -> inProgress.contains(saw.label() + "#" + saw.index())
                || saw.fate() == RawConnection.Fate.CLOSED && open.contains(saw.label()));
    }

    /** The mismatches between the lab on {@code port} and what {@code sockets} saw; empty when the record is true. */
    static List<String> mismatches(int port, List<RawConnection> sockets) throws Exception {
        List<RawConnection.SocketSaw> seen = sockets.stream().flatMap(s -> s.seen().stream()).toList();
        if (seen.isEmpty()) {
            return List.of();
        }
        Connections record = settled(port, seen);
        Map<String, Connections.Request> requests = new HashMap<>();
        record.requests().forEach(r -> requests.put(r.connection() + "#" + r.index(), r));
        List<String> mismatches = new ArrayList<>();
        for (RawConnection.SocketSaw saw : seen) {
            Connections.Request request = requests.get(saw.label() + "#" + saw.index());
            if (request == null) {
                continue; // Pushed out of a small history.
            }
            String where = saw.label() + " request " + saw.index() + ": ";
            if ("complete".equals(request.outcome()) && !Long.valueOf(saw.bodyBytes()).equals(request.bytes())) {
                mismatches.add(where + "the socket read " + saw.bodyBytes() + " body bytes, the record says " + request);
            }
            String decision = request.decision();
            if (saw.fate() == RawConnection.Fate.KEPT && !decision.equals("kept")) {
                mismatches.add(where + "another response followed on the same socket, the record says " + request);
            }
            if (saw.fate() == RawConnection.Fate.CLOSED) {
                Connections.Connection connection = record.connection(saw.label()).orElse(null);
                boolean endedLater = decision.equals("kept") && connection != null && connection.closeReason() != null
                        && LATER_ENDS.contains(connection.closeReason());
                if (!decision.equals("closed") && !endedLater) {
                    mismatches.add(where + "the server closed after it, the record says " + request + " of " + connection);
                }
                if (connection != null && !Boolean.TRUE.equals(connection.closed())) {
                    mismatches.add(where + "the server closed the connection, the record says it is open: " + connection);
                }
            }
        }
        return mismatches;
    }
}
