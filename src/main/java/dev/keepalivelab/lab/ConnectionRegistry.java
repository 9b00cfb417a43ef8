package dev.keepalivelab.lab;

import dev.keepalivelab.lab.protocol.CloseReason;
import dev.keepalivelab.lab.protocol.ConnectionDecision;
import dev.keepalivelab.lab.fault.Effects;
import dev.keepalivelab.lab.fault.Fault;
import dev.keepalivelab.lab.protocol.Protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything the lab remembers about connections: a label per connection ({@code c1}, {@code c2}, ... in
 * order of first sight), each request's index on its connection, and the recent requests and connections, each
 * recorded first as the lab decided and then as it happened, as far as the server reports it.
 * <p>
 * A server that reports connection ends lets the lab forget a connection when its socket closes (an HTTP/2 connection
 * still serves the streams it took after its GOAWAY); the Servlet API never says,
 * so there a connection that vanishes (idle timeout, reset) is forgotten least-recently-used once
 * {@link #LIVE_CAPACITY} connections are tracked. The history holds the {@code historySize} most recent requests and
 * connections. Memory stays bounded under any load.
 */
final class ConnectionRegistry {
    /** How many connections are counted at once; far above what one lab serves concurrently. */
    static final int LIVE_CAPACITY = 10_000;

    private final boolean serverReportsConnections;
    private final Map<Object, LabConnection> live;
    private final Map<String, LabConnection> recentConnections;
    private final RequestHistory recentRequests;
    private long connectionsSeen;
    private long requestsSeen;

    /**
     * @param historySize              how many requests and connections to remember
     * @param serverReportsConnections whether the server reports each response's outcome and each connection's end
     */
    ConnectionRegistry(int historySize, boolean serverReportsConnections) {
        this.serverReportsConnections = serverReportsConnections;
        this.live = lruMap(LIVE_CAPACITY);
        this.recentConnections = lruMap(historySize);
        this.recentRequests = new RequestHistory(historySize);
    }

    /**
     * Counts a request on the connection {@code connectionKey} (any object that is equal for the requests of one
     * connection and distinct among the connections open at once) and labels the connection on first sight; where
     * {@code springsArmedFault}, the request takes the on-reuse fault an earlier response armed on the connection.
     */
    synchronized Exchange begin(Object connectionKey, int remotePort, Protocol protocol, boolean tls, Instant now,
                                boolean springsArmedFault) {
        LabConnection connection = live.get(connectionKey);
        if (connection == null) {
            connection = new LabConnection(this, connectionKey, "c" + (++connectionsSeen), remotePort, protocol, tls, now);
            live.put(connectionKey, connection);
        }
        recentConnections.put(connection.label, connection);
        connection.lastSeen = now;
        connection.inFlight++;
        Fault armedBy = springsArmedFault ? connection.armedFault : null;
        if (springsArmedFault) {
            connection.armedFault = null;
        }
        return new Exchange(this, ++requestsSeen, connection, ++connection.requests, armedBy);
    }

    /**
     * Records the lab's decision; a connection the lab closes is no longer counted, and one whose response arms an
     * on-reuse fault springs it on its next request.
     */
    synchronized RequestRecord decide(Exchange exchange, RequestRecord.Facts facts, ConnectionDecision decision,
                                      Effects faultEffects, Instant now) {
        LabConnection connection = exchange.connection();
        RequestRecord record = new RequestRecord(exchange.requestId(), connection.label, exchange.requestOnConnection(),
                facts, decision, now);
        exchange.decided(decision, faultEffects);
        if (facts.fault() != null && facts.fault().type().armsNextRequest() && !decision.close()) {
            connection.armedFault = facts.fault();
        }
        // A server that reports ends forgets the connection when it ends: on HTTP/2 the streams the client already
        // sent are still served after the lab's decision. Elsewhere the lab's Connection: close is all it knows.
        if (decision.close() && !serverReportsConnections) {
            forget(connection);
            connection.closedByResponse = decision.reason();
        }
        recentRequests.add(record);
        return record;
    }

    /** Records what became of the response; returns the request's outcome as {@link RequestRecord#describe()} says it. */
    synchronized String complete(Exchange exchange, ResponseOutcome outcome) {
        LabConnection connection = exchange.connection();
        RequestRecord decided = recentRequests.get(exchange.requestId());
        if (exchange.completed) {
            return decided == null ? "-" : decided.describe();
        }
        exchange.completed = true;
        connection.inFlight--;
        if (decided == null) { // Pushed out of the history while the response was in progress.
            return "-";
        }
        RequestRecord happened = decided.withOutcome(outcome, Instant.now());
        recentRequests.replace(happened);
        if (happened.closed() && connection.closedByResponse == null) {
            connection.closedByResponse = happened.reason();
            if (!serverReportsConnections) {
                forget(connection);
            }
        }
        return happened.describe();
    }

    synchronized void end(LabConnection connection, ConnectionEnd end) {
        if (connection.end == null) {
            connection.end = end;
        }
    }

    /** The connection's socket is closed: no request can come on it any more, so its key may be used again. */
    synchronized void release(LabConnection connection) {
        forget(connection);
    }

    private void forget(LabConnection connection) {
        live.remove(connection.key, connection);
    }

    /** The remembered requests that {@code filter} selects, with the connections that carried them. */
    synchronized Snapshot snapshot(Predicate<RequestRecord> filter) {
        List<RequestRecord> requests = recentRequests.select(filter);
        Set<String> labels = new LinkedHashSet<>();
        requests.forEach(r -> labels.add(r.connectionLabel()));
        List<ConnectionView> connections = new ArrayList<>();
        for (String label : labels) {
            LabConnection connection = recentConnections.get(label);
            if (connection != null) {
                connections.add(view(connection));
            }
        }
        return new Snapshot(requests, connections, requestsSeen, connectionsSeen);
    }

    private ConnectionView view(LabConnection c) {
        ConnectionEnd end = c.end;
        // While a response is in progress its outcome, not the socket, says why the connection ended.
        CloseReason closeReason = c.closedByResponse != null ? c.closedByResponse : end == null || c.inFlight > 0 ? null : end.reason();
        Boolean closed = serverReportsConnections ? Boolean.valueOf(end != null) : c.closedByResponse != null ? Boolean.TRUE : null;
        return new ConnectionView(c.label, c.remotePort, c.protocol, c.tls, c.requests, c.firstSeen, c.lastSeen, closed,
                closeReason, end == null ? null : end.closedBy(), end == null ? null : end.time());
    }

    synchronized int liveConnections() {
        return live.size();
    }

    /**
     * @param requests        the selected requests, oldest first
     * @param connections     the connections that carried them, in order of first request
     * @param requestsSeen    every request counted since start
     * @param connectionsSeen every connection labelled since start
     */
    record Snapshot(List<RequestRecord> requests, List<ConnectionView> connections, long requestsSeen, long connectionsSeen) {
    }

    /**
     * A connection as seen at one moment.
     *
     * @param closed      whether it has ended; null where the server never says and the lab did not close it
     * @param closeReason why it ended, or null while open or where unknown
     * @param closedBy    who closed it, or null while open or where unknown
     * @param closedAt    when it ended, or null while open or where unknown
     */
    record ConnectionView(String label, int remotePort, Protocol protocol, boolean tls, int requests, Instant firstSeen,
                          Instant lastSeen, Boolean closed, CloseReason closeReason, ConnectionEnd.Closer closedBy, Instant closedAt) {
    }

    private static <K, V> Map<K, V> lruMap(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
