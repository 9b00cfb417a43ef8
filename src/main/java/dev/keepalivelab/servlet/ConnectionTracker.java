package dev.keepalivelab.servlet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts requests per connection. The Servlet API never says when a connection ends, so entries of
 * connections that vanish (idle timeout, client reset) are evicted least-recently-used once
 * {@code capacity} connections are tracked: memory stays bounded under any load.
 */
final class ConnectionTracker {
    static final int DEFAULT_CAPACITY = 10_000;

    private final Map<String, Integer> requestsByConnection;

    ConnectionTracker(int capacity) {
        this.requestsByConnection = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Counts one more request on {@code connectionKey} and returns its 1-based index there. */
    synchronized int nextRequest(String connectionKey) {
        return requestsByConnection.merge(connectionKey, 1, Integer::sum);
    }

    /** Drops a connection the lab has decided to close. */
    synchronized void forget(String connectionKey) {
        requestsByConnection.remove(connectionKey);
    }

    synchronized int size() {
        return requestsByConnection.size();
    }
}
