package dev.keepalivelab.bench;

import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.Request;

import java.net.SocketAddress;
import java.util.Set;

/** A request with the moments a network panel shows, in {@link System#nanoTime()}: sent, first byte, last byte. */
final class TimedRequest {
    private final Request request;
    private volatile long sent;
    private volatile long firstByte;
    private volatile long lastByte;
    /** Read while the request is being sent: once a connection closes, it no longer knows its address. */
    private volatile SocketAddress connection;
    private volatile boolean onKeptConnection;
    private volatile boolean lost;

    /** Times {@code request}; {@code used} holds the connections of the page load that have carried a request so far. */
    TimedRequest(Request request, Set<SocketAddress> used) {
        this.request = request;
        request.onRequestBegin(r -> {
                    sent = System.nanoTime();
                    Connection carrier = r.getConnection();
                    connection = carrier == null ? null : carrier.getLocalSocketAddress();
                    onKeptConnection = connection != null && !used.add(connection);
                })
                .onResponseBegin(r -> firstByte = System.nanoTime())
                .onResponseSuccess(r -> lastByte = System.nanoTime());
    }

    Request request() {
        return request;
    }

    String path() {
        return request.getURI().getRawPath();
    }

    long sent() {
        return sent;
    }

    long firstByte() {
        return firstByte;
    }

    long lastByte() {
        return lastByte;
    }

    /** Marks it lost, at {@code nanos}, and to be sent again: its bar ends there. */
    void lost(long nanos) {
        lost = true;
        if (firstByte == 0) {
            firstByte = nanos;
        }
        lastByte = nanos;
    }

    boolean isLost() {
        return lost;
    }

    /** Whether its connection had carried an earlier request of the page load. */
    boolean onKeptConnection() {
        return onKeptConnection;
    }

    /** The local address of the connection that carried it. */
    SocketAddress connection() {
        return connection;
    }
}
