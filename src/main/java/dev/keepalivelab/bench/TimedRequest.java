package dev.keepalivelab.bench;

import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.Request;

import java.net.SocketAddress;

/** A request with the moments a network panel shows, in {@link System#nanoTime()}: sent, first byte, last byte. */
final class TimedRequest {
    private final Request request;
    private volatile long sent;
    private volatile long firstByte;
    private volatile long lastByte;
    /** Read while the request is being sent: once a connection closes, it no longer knows its address. */
    private volatile SocketAddress connection;

    TimedRequest(Request request) {
        this.request = request;
        request.onRequestBegin(r -> {
                    sent = System.nanoTime();
                    Connection carrier = r.getConnection();
                    connection = carrier == null ? null : carrier.getLocalSocketAddress();
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

    /** The local address of the connection that carried it. */
    SocketAddress connection() {
        return connection;
    }
}
