package dev.keepalivelab.lab;

/**
 * What a server that controls its sockets does to one request's connection for a {@link Fault}, for a serving path
 * whose API cannot (the Servlet API has no way to close or reset a connection). The embedded main offers one on every
 * request ({@link LabRequestAttributes#SOCKET_CONTROL}); a foreign servlet container offers none.
 */
public interface SocketControl {
    /** Closes the connection now: FIN, after TLS's close_notify on HTTPS. */
    void close();

    /** Resets the connection now: RST, discarding whatever the kernel has not sent yet. */
    void reset();

    /**
     * Leaves the request unanswered: when the connection's idle (or request) timeout expires the server closes it
     * (FIN) instead of answering the timeout.
     */
    void closeAtTimeout();
}
