package dev.keepalivelab.bench;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;

import javax.net.ssl.SSLEngine;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What one HttpClient's connections did during one page load: when each opened and, over TLS, when its
 * handshake ended and whether it was full. A connection is known by its local address, which the client's
 * {@code Connection} of every request also reports. Added to the client as a bean, so that Jetty adds it to
 * every connection it makes; {@link #begin()} forgets the previous page load's connections.
 */
final class ConnectionTracker implements Connection.Listener, SslHandshakeListener {
    /** One connection's facts so far. */
    record Opened(long openedNanos, SSLEngine engine) {
    }

    /** A finished TLS handshake. */
    record Handshake(long doneNanos, String protocol, boolean full) {
    }

    private final Map<SocketAddress, Opened> opened = new ConcurrentHashMap<>();
    private final Map<SSLEngine, Handshake> handshakes = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Set<SSLEngine> fullHandshakes = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    /** The lowest layer of each connection opened and not yet closed: it closes when the socket does. */
    private final Set<Connection> open = Collections.newSetFromMap(new IdentityHashMap<>());

    void begin() {
        opened.clear();
        handshakes.clear();
        fullHandshakes.clear();
    }

    /** Called by the trust manager when it checks a server certificate: this engine's handshake is a full one. */
    void fullHandshake(SSLEngine engine) {
        fullHandshakes.add(engine);
    }

    @Override
    public void onOpened(Connection connection) {
        long now = System.nanoTime();
        SocketAddress local = connection.getEndPoint().getLocalSocketAddress();
        if (local == null) {
            return;
        }
        SSLEngine engine = connection instanceof SslConnection ssl ? ssl.getSSLEngine() : null;
        // The first connection opened on a socket is its lowest layer (TLS, where there is TLS): the TCP connection's opening.
        boolean lowest = opened.putIfAbsent(local, new Opened(now, engine)) == null;
        if (lowest) {
            synchronized (open) {
                open.add(connection);
            }
        }
    }

    @Override
    public void onClosed(Connection connection) {
        synchronized (open) {
            if (open.remove(connection) && open.isEmpty()) {
                open.notifyAll();
            }
        }
    }

    /**
     * Waits until every connection opened so far has closed, at most {@code max}: so that no event of this page
     * load's connections lands in the next one's. Returns whether they all closed.
     */
    boolean awaitAllClosed(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (open) {
            while (!open.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(open, left);
            }
            return true;
        }
    }

    @Override
    public void handshakeSucceeded(Event event) {
        SSLEngine engine = event.getSSLEngine();
        handshakes.put(engine, new Handshake(System.nanoTime(), engine.getSession().getProtocol(), fullHandshakes.contains(engine)));
    }

    Map<SocketAddress, Opened> opened() {
        return Map.copyOf(opened);
    }

    Optional<Handshake> handshakeOf(Opened connection) {
        return connection.engine() == null ? Optional.empty() : Optional.ofNullable(handshakes.get(connection.engine()));
    }
}
