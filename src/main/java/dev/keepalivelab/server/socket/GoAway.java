package dev.keepalivelab.server.socket;

import org.eclipse.jetty.http2.CloseState;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.http2.HTTP2Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.frames.GoAwayFrame;
import org.eclipse.jetty.http2.frames.PingFrame;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Attributes;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends an HTTP/2 connection for the lab's rule in RFC 9113's graceful shutdown (section 6.8), as nghttp2's
 * {@code nghttp2_submit_shutdown_notice}, h2o and Envoy do, so that no stream the client sent before it could see the
 * GOAWAY is refused:
 * <ol>
 * <li>as soon as the request that reaches the rule is decided, before its response: a notice, GOAWAY (no error, last
 * stream 2^31-1, its debug data the rule), then a PING once the GOAWAY is written;</li>
 * <li>when the PING's ACK arrives, the client has seen the notice, so every stream it sent before it has arrived: the
 * final GOAWAY names the highest stream opened (Jetty's own close), and streams above it, sent after the client knew,
 * are dropped unprocessed, which RFC 9113 lets the client retry on a new connection;</li>
 * <li>the streams up to it finish at their own pace, under the idle and request timeouts as any stream; once the last
 * has closed, the connection stays open for {@link #CLOSE_GRACE}, then the server shuts its output and the socket
 * closes when the client closes its end (or at the idle timeout), so that a slow reader's last bytes are not lost to a
 * reset.</li>
 * </ol>
 * The notice goes out as a bare frame, outside Jetty's close state: Jetty's own two-step close
 * ({@code HTTP2Session.shutdown()}) sends its final GOAWAY when the session has no stream open, with no PING, and the
 * request that reached the rule is often answered before the client's next streams arrive; those would be refused.
 * Until the final GOAWAY the session accepts streams as any open session does.
 */
public final class GoAway {
    /**
     * How long the final GOAWAY waits for the PING's ACK. A client answers a PING one round trip after it leaves (PING
     * goes ahead of queued frames in Jetty and in clients), so two seconds are beyond the round trip of any path a
     * browser still works on (geostationary satellite about 0.6 s, a congested mobile link about 1-2 s). It counts from
     * when the notice has been written, and only bounds a client that does not answer: the final GOAWAY then goes out
     * anyway, and streams arriving later are refused, which RFC 9113 lets the client retry. A client that reads nothing
     * at all is ended by the idle timeout, as on any connection.
     */
    public static final Duration ACK_WAIT = Duration.ofSeconds(2);
    /**
     * How long the connection stays open once the last stream the final GOAWAY covers has closed, before the server
     * shuts its output, as Go's HTTP/2 server waits (its {@code goAwayTimeout}, also one second). A client that has read
     * a whole response but not yet handed it to its caller loses it to an EOF that comes first: the JDK 25 HttpClient
     * does (at the connection's end it fails a stream whose DATA still waits for its body subscriber), and it never
     * closes a connection gone away itself. A client that closes it sooner (curl, Node) ends it then; an idle timeout
     * shorter than this ends it first.
     */
    public static final Duration CLOSE_GRACE = Duration.ofSeconds(1);
    /** How long a connection gone away below a stream stays readable after its FIN, for the client to read the GOAWAY and close. */
    static final Duration LINGER = Duration.ofSeconds(1);
    /** Connection attribute: the lab's GOAWAY on that connection, set before the notice is sent. */
    private static final String ATTRIBUTE = GoAway.class.getName();
    /** The notice's PING payload, "lab-bye!", to tell its ACK from the ACK of a PING the lab did not send. */
    private static final long PING_PAYLOAD = 0x6c61622d62796521L;
    /** Held while a connection's GoAway is claimed: one per connection, even when two of its streams reach a rule at once. */
    private static final Object CLAIM = new Object();

    private final HTTP2Session session;
    private final EndPoint endPoint;
    private final String rule;
    private final Scheduler scheduler;
    private final AtomicBoolean finalGoAway = new AtomicBoolean();
    private final AtomicBoolean graceStarted = new AtomicBoolean();
    private volatile Scheduler.Task bound;
    /** Set once the PING is sent, after {@link #bound}: an ACK before it (a client may send any ACK) is not the answer. */
    private volatile boolean pingSent;
    /** Set once the final GOAWAY has been written: from then the last stream to close starts the {@link #CLOSE_GRACE}. */
    private volatile boolean finalWritten;

    private GoAway(HTTP2Session session, EndPoint endPoint, String rule, Scheduler scheduler) {
        this.session = session;
        this.endPoint = endPoint;
        this.rule = rule;
        this.scheduler = scheduler;
    }

    /** Starts to go away for {@code rule}, unless the connection is going away already (an earlier stream's rule, the client). */
    public static void send(HTTP2Connection connection, String rule, Scheduler scheduler) {
        GoAway goAway = claim(connection, rule, scheduler);
        if (goAway != null) {
            goAway.notice();
        }
    }

    /**
     * The connection's GoAway for {@code rule}, the socket told that the server goes away; null where the connection is
     * going away already (an earlier stream's rule, the client).
     */
    private static GoAway claim(HTTP2Connection connection, String rule, Scheduler scheduler) {
        HTTP2Session session = connection.getSession();
        if (session.getCloseState() != CloseState.NOT_CLOSED || !(connection instanceof Attributes attributes)) {
            return null;
        }
        GoAway goAway = new GoAway(session, connection.getEndPoint(), rule, scheduler);
        synchronized (CLAIM) {
            if (attributes.getAttribute(ATTRIBUTE) != null) {
                return null;
            }
            attributes.setAttribute(ATTRIBUTE, goAway);
        }
        WatchedEndPoint.under(connection.getEndPoint()).ifPresent(WatchedEndPoint::serverWentAway);
        return goAway;
    }

    /**
     * Goes away in one step, leaving {@code stream} unprocessed: GOAWAY (no error, debug data {@code reason}) whose last
     * stream is the one below it, then, once written, the output shut (FIN); the socket closes when the client closes
     * its end, or {@link #LINGER} later at the latest, which ends the unprocessed stream (held unanswered until then).
     * Unless the connection is going away already. A stream the client opens on it after the GOAWAY still reaches the
     * lab while the socket is open, which records it there; its answer finds the output shut.
     */
    public static void below(HTTP2Connection connection, int stream, String reason, Scheduler scheduler) {
        GoAway goAway = claim(connection, reason, scheduler);
        if (goAway != null) {
            GoAwayFrame below = new GoAwayFrame(Math.max(0, stream - 2), ErrorCode.NO_ERROR.code, reason.getBytes(StandardCharsets.UTF_8));
            EndPoint endPoint = goAway.endPoint;
            goAway.session.frames(null, List.of(below), Callback.from(() -> {
                endPoint.shutdownOutput();
                scheduler.schedule(endPoint::close, LINGER);
            }, failed -> { }));
        }
    }

    private void notice() {
        GoAwayFrame notice = new GoAwayFrame(Integer.MAX_VALUE, ErrorCode.NO_ERROR.code, rule.getBytes(StandardCharsets.UTF_8));
        // The PING leaves once the notice is written (Jetty writes a PING ahead of any frame still queued), and the wait
        // for its ACK starts then. A notice that cannot be written fails the connection, which Jetty then ends.
        session.frames(null, List.of(notice), Callback.from(() -> {
            bound = scheduler.schedule(this::sendFinal, ACK_WAIT);
            pingSent = true;
            session.ping(new PingFrame(PING_PAYLOAD, false), Callback.NOOP);
        }, failed -> { }));
    }

    /** Hears every PING ACK of a session: the one that answers the lab's notice sends the final GOAWAY. */
    static void pingAcknowledged(PingFrame ack, EndPoint endPoint) {
        GoAway goAway = of(endPoint);
        if (goAway != null && goAway.pingSent && ack.isReply() && ack.getPayloadAsLong() == PING_PAYLOAD) {
            goAway.sendFinal();
        }
    }

    /** Once, at the ACK or at {@link #ACK_WAIT}: its last stream is the highest the session has seen (Jetty's close). */
    private void sendFinal() {
        if (finalGoAway.compareAndSet(false, true)) {
            bound.cancel();
            // Jetty completes the callback also when it sends nothing (the client went away first).
            session.close(ErrorCode.NO_ERROR.code, rule, Callback.from(() -> {
                finalWritten = true;
                shutOutputAfterTheGraceOnceNoStreamIsOpen();
            }));
        }
    }

    /**
     * After each stream of a session closes: once the final GOAWAY is written and no stream is left open, shuts the
     * connection's output {@link #CLOSE_GRACE} later, unless the connection has closed by then. Each closing stream
     * looks, and a stream is closed before it is told, so the last one sees that all are; the final GOAWAY looks too,
     * for the streams that closed before it.
     */
    static void streamClosed(EndPoint endPoint) {
        GoAway goAway = of(endPoint);
        if (goAway != null) {
            goAway.shutOutputAfterTheGraceOnceNoStreamIsOpen();
        }
    }

    private void shutOutputAfterTheGraceOnceNoStreamIsOpen() {
        if (finalWritten && session.getStreams().stream().allMatch(Stream::isClosed) && graceStarted.compareAndSet(false, true)) {
            scheduler.schedule(endPoint::shutdownOutput, CLOSE_GRACE);
        }
    }

    private static GoAway of(EndPoint endPoint) {
        Connection connection = endPoint.getConnection();
        return connection instanceof Attributes attributes ? (GoAway) attributes.getAttribute(ATTRIBUTE) : null;
    }
}
