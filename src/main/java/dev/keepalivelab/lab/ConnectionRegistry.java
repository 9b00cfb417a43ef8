package dev.keepalivelab.lab;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything the lab remembers about connections: a label per connection ({@code c1}, {@code c2}, ... in
 * order of first sight), each request's index on its connection, and the recent requests and connections.
 * <p>
 * The Servlet API never says when a connection ends, so a connection that vanishes (idle timeout, reset) is
 * forgotten least-recently-used once {@link #LIVE_CAPACITY} connections are tracked; the history holds the
 * {@code historySize} most recent requests and connections. Memory stays bounded under any load.
 */
final class ConnectionRegistry {
    /** How many connections are counted at once; far above what one lab serves concurrently. */
    static final int LIVE_CAPACITY = 10_000;

    private final int historySize;
    private final Map<Object, ConnectionState> live;
    private final Map<String, ConnectionState> recentConnections;
    private final ArrayDeque<RequestRecord> recentRequests;
    private long connectionsSeen;
    private long requestsSeen;

    ConnectionRegistry(int historySize) {
        this.historySize = historySize;
        this.live = lruMap(LIVE_CAPACITY);
        this.recentConnections = lruMap(historySize);
        this.recentRequests = new ArrayDeque<>(historySize);
    }

    /** A request as counted: its id, its connection and its index there. */
    record Visit(long requestId, ConnectionState connection, int requestOnConnection, Object connectionKey) {
    }

    /**
     * Counts a request on the connection {@code connectionKey} (any object that is equal for the requests of one
     * connection and distinct among the connections open at once) and labels the connection on first sight.
     */
    synchronized Visit begin(Object connectionKey, int remotePort, Instant now) {
        ConnectionState connection = live.get(connectionKey);
        if (connection == null) {
            connection = new ConnectionState("c" + (++connectionsSeen), remotePort, now);
            live.put(connectionKey, connection);
        }
        recentConnections.put(connection.label, connection);
        int index = connection.countRequest(now);
        return new Visit(++requestsSeen, connection, index, connectionKey);
    }

    /** Records how the request ended; a connection the lab closes is no longer counted. */
    synchronized RequestRecord finish(Visit visit, RequestRecord.Facts facts, ConnectionDecision decision, Instant now) {
        RequestRecord record = new RequestRecord(visit.requestId(), visit.connection().label, visit.requestOnConnection(),
                facts, decision.close(), decision.reason(), now);
        if (decision.close()) {
            visit.connection().closeReason = decision.reason();
            live.remove(visit.connectionKey());
        }
        if (recentRequests.size() == historySize) {
            recentRequests.removeFirst();
        }
        recentRequests.addLast(record);
        return record;
    }

    /** The remembered requests that {@code filter} selects, with the connections that carried them. */
    synchronized Snapshot snapshot(Predicate<RequestRecord> filter) {
        List<RequestRecord> requests = recentRequests.stream().filter(filter).toList();
        Set<String> labels = new LinkedHashSet<>();
        requests.forEach(r -> labels.add(r.connectionLabel()));
        List<ConnectionView> connections = new ArrayList<>();
        for (String label : labels) {
            ConnectionState state = recentConnections.get(label);
            if (state != null) {
                connections.add(state.view());
            }
        }
        return new Snapshot(requests, connections, requestsSeen, connectionsSeen);
    }

    synchronized int liveConnections() {
        return live.size();
    }

    /**
     * @param requests         the selected requests, oldest first
     * @param connections      the connections that carried them, in order of first request
     * @param requestsSeen     every request counted since start
     * @param connectionsSeen  every connection labelled since start
     */
    record Snapshot(List<RequestRecord> requests, List<ConnectionView> connections, long requestsSeen, long connectionsSeen) {
    }

    /** A connection as seen at one moment; {@code closeReason} is null while the lab has not closed it. */
    record ConnectionView(String label, int remotePort, int requests, Instant firstSeen, Instant lastSeen,
                          ConnectionDecision.Reason closeReason) {
    }

    static final class ConnectionState {
        private final String label;
        private final int remotePort;
        private final Instant firstSeen;
        private Instant lastSeen;
        private int requests;
        private ConnectionDecision.Reason closeReason;

        private ConnectionState(String label, int remotePort, Instant firstSeen) {
            this.label = label;
            this.remotePort = remotePort;
            this.firstSeen = firstSeen;
            this.lastSeen = firstSeen;
        }

        private int countRequest(Instant now) {
            lastSeen = now;
            return ++requests;
        }

        String label() {
            return label;
        }

        Instant firstSeen() {
            return firstSeen;
        }

        private ConnectionView view() {
            return new ConnectionView(label, remotePort, requests, firstSeen, lastSeen, closeReason);
        }
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
