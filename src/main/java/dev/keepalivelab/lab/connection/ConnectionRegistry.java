package dev.keepalivelab.lab.connection;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The connections a foreign servlet container names only by a key, for a server that gives the lab no connection of its
 * own ({@link LabConnection#accepted()}): finds the connection of a key, or makes it at the key's first request.
 * <p>
 * The Servlet API never says when a connection ends, so a connection that vanishes (idle timeout, reset) is forgotten
 * least-recently-used once {@link #LIVE_CAPACITY} connections are indexed, and one the lab closed is forgotten at once
 * ({@link LabConnection#forget()}), so that its key, if the container uses it again, starts a new connection. Memory
 * stays bounded under any load.
 */
public final class ConnectionRegistry {
    /** How many connections are indexed at once; far above what one lab serves concurrently. */
    public static final int LIVE_CAPACITY = 10_000;

    private final Map<Object, LabConnection> live = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, LabConnection> eldest) {
            return size() > LIVE_CAPACITY;
        }
    };

    /**
     * The connection of {@code key} (any object that is equal for the requests of one connection and distinct among
     * the connections open at once), made on the key's first request.
     */
    public synchronized LabConnection byKey(Object key) {
        LabConnection connection = live.get(key);
        if (connection == null) {
            connection = new LabConnection(this, key);
            live.put(key, connection);
        }
        return connection;
    }

    synchronized void forget(Object key, LabConnection connection) {
        live.remove(key, connection);
    }

    /** How many connections are indexed. */
    public synchronized int size() {
        return live.size();
    }
}
