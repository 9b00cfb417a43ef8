package dev.keepalivelab.bench;

import org.eclipse.jetty.client.RetryableRequestException;
import org.eclipse.jetty.http2.RetryableStreamException;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.OptionalInt;

/**
 * When the bench, as a browser does, sends a failed request again on a new connection. Over HTTP/2: a request that
 * never left (Jetty gave it a connection whose session was closing), a stream the server did not process (above its
 * GOAWAY's last stream id, or reset with REFUSED_STREAM), which RFC 9113 8.7 lets a client retry whatever its method,
 * and a stream lost when the server, after its GOAWAY, closed the connection in order (FIN, not a reset): Jetty
 * 12.1.14's client discards the unread end of a response the server finished when the FIN follows it closely
 * (jetty/jetty.project#15368), where a browser would have had it. Up to {@link #MAX_RETRIES} times, or, when the
 * connection's GOAWAY named a stream the server processed (its per-connection limit, such as nginx's
 * {@code keepalive_requests}), up to once per request of the page load: the page load's refused requests all go to
 * the next connection together, each connection finishes at least one of them, and the last may be refused as many
 * times as there are connections before it. Over HTTP/1.1, once: a GET on a kept connection that the server closed in
 * order before any byte of the response, the race between a server's close and the client's reuse (RFC 9112 9.3.1).
 */
final class RetryRule {
    /** How many times one HTTP/2 request is sent again when the server processed nothing on the connection that lost it. */
    static final int MAX_RETRIES = 3;
    /** The message of Jetty's failure for a stream it did not open because its session was closing. */
    private static final String SESSION_CLOSED = "session closed";

    private RetryRule() {
    }

    /**
     * Whether {@code failed}, sent again {@code retried} times so far, is to be sent again after {@code failure};
     * {@code goAwayLastStream} is the last stream id of the GOAWAY its HTTP/2 server sent on its connection, if any,
     * and {@code pageRequests} how many requests its page load makes.
     */
    static boolean retry(boolean http2, TimedRequest failed, Throwable failure, int retried, OptionalInt goAwayLastStream, int pageRequests) {
        if (http2) {
            int limit = processedSome(goAwayLastStream) ? Math.max(MAX_RETRIES, pageRequests) : MAX_RETRIES;
            return retried < limit && (unsent(failure) || refusedStream(failure) || goAwayLastStream.isPresent() && closedByServer(failure));
        }
        return retried == 0 && failed.onKeptConnection() && failed.firstByte() == 0 && closedByServer(failure);
    }

    /** A GOAWAY that names a stream the server processed; not a graceful notice (2^31-1, RFC 9113 6.8). */
    private static boolean processedSome(OptionalInt goAwayLastStream) {
        return goAwayLastStream.isPresent() && goAwayLastStream.getAsInt() > 0 && goAwayLastStream.getAsInt() < Integer.MAX_VALUE;
    }

    /**
     * Jetty gave the request a session that was closing, so no stream was opened: {@code HTTP2Session} fails the
     * stream's creation with this exception ({@code RetryRuleTest} pins it on the Jetty version in use).
     */
    static boolean unsent(Throwable failure) {
        return FailureCauses.any(failure, cause -> cause instanceof IllegalStateException && SESSION_CLOSED.equals(cause.getMessage()));
    }

    private static boolean refusedStream(Throwable failure) {
        return FailureCauses.any(failure, cause -> cause instanceof RetryableRequestException || cause instanceof RetryableStreamException
                || cause instanceof IOException && "refused_stream_error".equals(cause.getMessage()));
    }

    /** The connection ended in order (FIN): not a reset, not a timeout. */
    private static boolean closedByServer(Throwable failure) {
        return FailureCauses.any(failure, cause -> cause instanceof EOFException || cause instanceof ClosedChannelException);
    }
}
