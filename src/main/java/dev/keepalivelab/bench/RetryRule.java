package dev.keepalivelab.bench;

import org.eclipse.jetty.client.RetryableRequestException;
import org.eclipse.jetty.http2.HTTP2Session;
import org.eclipse.jetty.http2.RetryableStreamException;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;

/**
 * When the bench, as a browser does, sends a failed request again on a new connection. Over HTTP/2, up to
 * {@link #MAX_RETRIES} times: a request that never left (Jetty gave it a connection whose session was closing), a
 * stream the server did not process (above its GOAWAY's last stream id, or reset with REFUSED_STREAM), which RFC 9113
 * 8.7 lets a client retry whatever its method, and a stream lost when the server, after its GOAWAY, closed the
 * connection in order (FIN, not a reset): Jetty 12.1.14's client discards the unread end of a response the server finished when the FIN
 * follows it closely (jetty/jetty.project#15368), where a browser would have had it. Over HTTP/1.1, once: a GET on a
 * kept connection that the server closed in order before any byte of the response, the race between a server's close
 * and the client's reuse (RFC 9112 9.3.1).
 */
final class RetryRule {
    /** How many times one HTTP/2 request is sent again: a stream refused on one connection may be refused on the next, if the server's limit falls on it again. */
    static final int MAX_RETRIES = 3;

    private RetryRule() {
    }

    /**
     * Whether {@code failed}, sent again {@code retried} times so far, is to be sent again after {@code failure};
     * {@code goneAway} says whether its HTTP/2 server had sent GOAWAY on its connection.
     */
    static boolean retry(boolean http2, TimedRequest failed, Throwable failure, int retried, boolean goneAway) {
        if (retried >= MAX_RETRIES) {
            return false;
        }
        if (http2) {
            return unsent(failure) || refusedStream(failure) || goneAway && closedByServer(failure);
        }
        return retried == 0 && failed.onKeptConnection() && failed.firstByte() == 0 && closedByServer(failure);
    }

    /** Jetty gave the request a connection whose session was closing: no stream was opened. */
    private static boolean unsent(Throwable failure) {
        StackTraceElement[] where = failure.getStackTrace();
        return failure instanceof IllegalStateException && where.length > 0 && where[0].getClassName().startsWith(HTTP2Session.class.getName());
    }

    private static boolean refusedStream(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetryableRequestException || cause instanceof RetryableStreamException
                    || cause instanceof IOException && "refused_stream_error".equals(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** The connection ended in order (FIN): not a reset, not a timeout. */
    private static boolean closedByServer(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EOFException || cause instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
    }
}
