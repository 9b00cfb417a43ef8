package dev.keepalivelab.server;

import dev.keepalivelab.lab.protocol.ConnectionDecision;
import dev.keepalivelab.server.socket.GoAway;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.http2.HTTP2Session;
import org.eclipse.jetty.http2.SessionContainer;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.frames.Frame;
import org.eclipse.jetty.http2.frames.FrameType;
import org.eclipse.jetty.http2.frames.SettingsFrame;
import org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.util.thread.Scheduler;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP/2 side of a graceful stop, in place of Jetty's {@link SessionContainer}: each session goes away only once
 * its server preface (SETTINGS) has been generated (the flusher's queue keeps that order on the wire), so that
 * SETTINGS stays the first frame the server sends (RFC 9113, 3.4).
 * <p>
 * Jetty writes a session's SETTINGS when the client's preface arrives ({@code HTTP2ServerSession.onPreface}), while its
 * {@code SessionContainer.shutdown()} sends the stop's GOAWAY on every open session at once, and on every session
 * opened after that as it opens: a connection whose TLS handshake had just finished got GOAWAY, GOAWAY, then SETTINGS.
 * Here a session whose preface is not yet written is shut down right after it is. A client that never sends its
 * preface is closed by the shutdown idle timeout, as any idle connection during the stop.
 */
final class PrefaceFirstGoAway implements Connection.Listener, HTTP2Session.FrameListener, Graceful {
    /**
     * Each open session, and whether its SETTINGS has gone to the flusher. Only a present session moves to true, so a
     * session closed as its SETTINGS left is not added back.
     */
    private final Map<HTTP2Session, Boolean> prefaceWritten = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> allClosed = new CompletableFuture<>();
    private final Scheduler scheduler;
    private volatile boolean stopping;

    private PrefaceFirstGoAway(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Puts one in place of the session container of each HTTP/2 connection factory of {@code server}. */
    static void install(Server server) {
        for (Connector connector : server.getConnectors()) {
            for (ConnectionFactory factory : connector.getConnectionFactories()) {
                if (factory instanceof AbstractHTTP2ServerConnectionFactory http2) {
                    // Still told of each connection, but no longer a graceful component: the stop no longer reaches it.
                    http2.removeBean(http2.getBean(SessionContainer.class));
                    // A factory's listeners go to each connection (Connection.Listener) and each session (FrameListener).
                    http2.addEventListener(new PrefaceFirstGoAway(connector.getScheduler()));
                }
            }
        }
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HTTP2Connection http2) {
            prefaceWritten.putIfAbsent(http2.getSession(), false);
        }
    }

    @Override
    public void onOutgoingFrame(Session session, Frame frame) {
        if (frame.getType() == FrameType.SETTINGS && !((SettingsFrame) frame).isReply()
                && session instanceof HTTP2Session http2 && prefaceWritten.replace(http2, false, true) && stopping) {
            goAway(http2);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        if (connection instanceof HTTP2Connection http2) {
            prefaceWritten.remove(http2.getSession());
            checkAllClosed();
        }
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        stopping = true;
        prefaceWritten.forEach((session, written) -> {
            if (written) {
                goAway(session);
            }
        });
        checkAllClosed();
        return allClosed;
    }

    @Override
    public boolean isShutdown() {
        return stopping;
    }

    /**
     * The stop's GOAWAY on one session whose preface is written: the lab's own, as for its rules (notice, PING, the
     * final GOAWAY at the ACK), so that no stream the client sent before it saw the notice is refused.
     */
    private void goAway(HTTP2Session session) {
        if (session.getEndPoint().getConnection() instanceof HTTP2Connection connection) {
            GoAway.send(connection, ConnectionDecision.Reason.SHUTDOWN.label(), scheduler);
        }
    }

    private void checkAllClosed() {
        if (stopping && prefaceWritten.isEmpty()) {
            allClosed.complete(null);
        }
    }
}
