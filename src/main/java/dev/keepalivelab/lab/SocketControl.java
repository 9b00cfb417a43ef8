package dev.keepalivelab.lab;

import dev.keepalivelab.lab.protocol.CloseReason;
import dev.keepalivelab.lab.record.Exchange;

import java.time.Duration;

/**
 * What a server that controls its sockets does to one request's connection for a {@link dev.keepalivelab.fault.Fault fault} or for the lab's rule
 * that ends it on HTTP/2, for a serving path whose API cannot (the Servlet API has no way to close or reset a
 * connection, nor to send GOAWAY). The embedded main offers one on every request
 * ({@link LabRequestAttributes#SOCKET_CONTROL}); a foreign servlet container offers none.
 */
public interface SocketControl {
    /**
     * Announces the end that {@code exchange}'s decision calls for, before its response is written: on HTTP/2, GOAWAY
     * ({@link Exchange#goAwayRule()}); nothing otherwise. Where the lab holds the connection to an idle timeout of its
     * own ({@link Exchange#heldIdleTimeout()}), sets it.
     */
    default void announceEnd(Exchange exchange) {
        CloseReason rule = exchange.goAwayRule();
        if (rule != null) {
            goAway(rule.label());
        }
        Duration idle = exchange.heldIdleTimeout();
        if (idle != null) {
            holdIdleTimeout(idle);
        }
    }

    /**
     * From now until the connection ends, its idle timeout is {@code timeout}, whatever the server sets it to between and
     * during requests: at that much idle time the server ends it as at its own idle timeout (FIN on HTTP/1.x; GOAWAY,
     * then FIN, on HTTP/2).
     */
    void holdIdleTimeout(Duration timeout);

    /**
     * Ends an HTTP/2 connection gracefully: GOAWAY now as a notice (no error, its debug data {@code rule}, last stream
     * 2^31-1) and a PING; at the PING's ACK the final GOAWAY names the highest stream the client has opened, the
     * streams up to it finish, then the connection closes.
     */
    void goAway(String rule);

    /**
     * Refuses the request's HTTP/2 stream in place of a response: RST_STREAM with REFUSED_STREAM (RFC 9113 section 8.7:
     * nothing of it processed, so any request is safe to retry); the connection stays open. Nothing on HTTP/1.x.
     */
    void refuseStream();

    /**
     * Leaves the request's HTTP/2 stream unprocessed in place of a response: GOAWAY now (no error, its debug data
     * {@code reason}) whose last stream is the one below the request's, then the server ends the connection (FIN) once it
     * is written. Nothing on HTTP/1.x.
     */
    void goAwayBelow(String reason);

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
