package dev.keepalivelab.lab.record;

import dev.keepalivelab.lab.connection.ConnectionView;
import dev.keepalivelab.lab.connection.LabConnection;
import dev.keepalivelab.fault.Effects;
import dev.keepalivelab.fault.Fault;
import dev.keepalivelab.lab.protocol.ConnectionDecision;
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
 * What the lab remembers: a label per connection ({@code c1}, {@code c2}, ... in order of first request), each
 * request's index on its connection, and the {@code historySize} most recent requests and connections, each recorded
 * first as the lab decided and then as it happened, as far as the server reports it. Memory stays bounded under any
 * load.
 */
public final class LabHistory {
    private final boolean serverReportsConnections;
    private final Map<String, LabConnection> recentConnections;
    private final RequestHistory recentRequests;
    private long connectionsSeen;
    private long requestsSeen;
    /** The newest request that {@link #clear()} forgot: one decided after the clear is not remembered either. */
    private long clearedThrough;

    /**
     * @param historySize              how many requests and connections to remember
     * @param serverReportsConnections whether the server reports each response's outcome and each connection's end
     */
    public LabHistory(int historySize, boolean serverReportsConnections) {
        this.serverReportsConnections = serverReportsConnections;
        this.recentConnections = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LabConnection> eldest) {
                return size() > historySize;
            }
        };
        this.recentRequests = new RequestHistory(historySize);
    }

    /**
     * Counts a request on {@code connection}, labelling the connection at its first request; where
     * {@code springsArmedFault}, the request takes the on-reuse fault an earlier response armed on the connection.
     */
    public synchronized Exchange begin(LabConnection connection, int remotePort, Protocol protocol, boolean tls, Instant now,
                                       boolean springsArmedFault) {
        int requestOnConnection = connection.begin(() -> "c" + (++connectionsSeen), remotePort, protocol, tls, now);
        recentConnections.put(connection.label(), connection);
        Fault armedBy = springsArmedFault ? connection.springArmedFault() : null;
        return new Exchange(this, ++requestsSeen, connection, requestOnConnection, armedBy);
    }

    /**
     * Records the lab's decision; a connection the lab closes is no longer counted, and one whose response arms an
     * on-reuse fault springs it on its next request.
     */
    public synchronized RequestRecord decide(Exchange exchange, RequestRecord.Facts facts, ConnectionDecision decision,
                                             Effects faultEffects, Instant now) {
        LabConnection connection = exchange.connection();
        RequestRecord record = new RequestRecord(exchange.requestId(), connection.label(), exchange.requestOnConnection(),
                facts, decision, now);
        exchange.decided(decision, faultEffects);
        if (facts.fault() != null && facts.fault().type().armsNextRequest() && !decision.close()) {
            connection.arm(facts.fault());
        }
        // Where the server reports ends, the connection's socket tells it how it ended (on HTTP/2 the streams the client
        // already sent are still served after the lab's decision). Elsewhere the lab's Connection: close is all it knows:
        // the key is forgotten, so that the container's next connection under it is a new one.
        if (decision.close() && !serverReportsConnections) {
            connection.forget();
            connection.responseClosed(decision.reason());
        }
        if (exchange.requestId() > clearedThrough) {
            recentRequests.add(record);
        }
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
        connection.responseFinished();
        if (decided == null) { // Pushed out of the history while the response was in progress.
            return "-";
        }
        RequestRecord happened = decided.withOutcome(outcome, Instant.now());
        recentRequests.replace(happened);
        if (happened.closed() && !connection.responseClosed()) {
            connection.responseClosed(happened.reason());
            if (!serverReportsConnections) {
                connection.forget();
            }
        }
        return happened.describe();
    }

    /**
     * Forgets every request counted so far, those still in progress (the one that asks for the clear among them) too,
     * and every connection: the record starts empty. Request ids and connection labels keep counting, so that an id or
     * a label never names two requests or connections; a connection seen before comes back at its next request.
     */
    public synchronized void clear() {
        clearedThrough = requestsSeen;
        recentRequests.clear();
        recentConnections.clear();
    }

    /** Every request counted since start. */
    public synchronized long requestsSeen() {
        return requestsSeen;
    }

    /** Whether the record still holds every request counted after request {@code id}: none pushed out, nor cleared. */
    public synchronized boolean holdsSince(long id) {
        return id >= clearedThrough && recentRequests.oldestId() <= id + 1;
    }

    /** The remembered requests that {@code filter} selects, with the connections that carried them. */
    public synchronized Snapshot snapshot(Predicate<RequestRecord> filter) {
        List<RequestRecord> requests = recentRequests.select(filter);
        Set<String> labels = new LinkedHashSet<>();
        requests.forEach(r -> labels.add(r.connectionLabel()));
        List<ConnectionView> connections = new ArrayList<>();
        for (String label : labels) {
            LabConnection connection = recentConnections.get(label);
            if (connection != null) {
                connections.add(connection.view(serverReportsConnections));
            }
        }
        return new Snapshot(requests, connections, requestsSeen, connectionsSeen);
    }

    /**
     * @param requests        the selected requests, oldest first
     * @param connections     the connections that carried them, in order of first request
     * @param requestsSeen    every request counted since start
     * @param connectionsSeen every connection labelled since start
     */
    public record Snapshot(List<RequestRecord> requests, List<ConnectionView> connections, long requestsSeen,
                           long connectionsSeen) {
    }
}
