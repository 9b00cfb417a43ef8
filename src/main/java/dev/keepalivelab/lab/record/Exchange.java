package dev.keepalivelab.lab.record;

import dev.keepalivelab.lab.connection.LabConnection;
import dev.keepalivelab.fault.Effects;
import dev.keepalivelab.fault.Fault;
import dev.keepalivelab.lab.protocol.CloseReason;
import dev.keepalivelab.lab.protocol.ConnectionDecision;

import java.time.Duration;

/**
 * One request on its connection, from the lab's answer until the server reports what became of the response:
 * the handle through which a serving path tells the lab the truth it alone can see.
 */
public final class Exchange {
    private final LabHistory history;
    private final long requestId;
    private final LabConnection connection;
    private final int requestOnConnection;
    private final Fault armedBy;
    private volatile ConnectionDecision decision;
    private volatile Effects faultEffects = Effects.NONE;
    private volatile boolean bodyLeftUnread;
    private volatile Duration heldIdleTimeout;
    /** Whether the server has reported the outcome; guarded by the history's lock. */
    boolean completed;

    Exchange(LabHistory history, long requestId, LabConnection connection, int requestOnConnection, Fault armedBy) {
        this.history = history;
        this.armedBy = armedBy;
        this.requestId = requestId;
        this.connection = connection;
        this.requestOnConnection = requestOnConnection;
    }

    /** The request's 1-based id, in order of arrival. */
    public long requestId() {
        return requestId;
    }

    /** The request's 1-based index on its connection. */
    public int requestOnConnection() {
        return requestOnConnection;
    }

    /** The on-reuse fault an earlier response armed on this connection, which this request springs; or null. */
    public Fault armedBy() {
        return armedBy;
    }

    void decided(ConnectionDecision decision, Effects faultEffects) {
        this.decision = decision;
        this.faultEffects = faultEffects;
    }

    /** Records whether the request's body stays unread on the connection, which makes the server close it. */
    public void bodyLeftUnread(boolean leftUnread) {
        this.bodyLeftUnread = leftUnread;
    }

    /** Whether the request's body stays unread on the connection, as the lab saw it before its answer. */
    public boolean bodyLeftUnread() {
        return bodyLeftUnread;
    }

    /** Gives the connection the idle timeout {@code timeout} from this response on, in place of the server's (a check's step). */
    public void holdIdleTimeout(Duration timeout) {
        heldIdleTimeout = timeout;
    }

    /** The idle timeout the connection keeps from this response on, for the server to set; null for the server's own. */
    public Duration heldIdleTimeout() {
        return heldIdleTimeout;
    }

    /** What the response's fault does, for the server to carry out what happens after the response. */
    public Effects faultEffects() {
        return faultEffects;
    }

    /** Why the connection closes where a fault ends it (e.g. {@code fault/reset}); else null. */
    public CloseReason.ByFault faultCloseReason() {
        return closeReason() instanceof CloseReason.ByFault byFault ? byFault : null;
    }

    /**
     * Whether the lab decided to end the connection after this response: on HTTP/1.x its {@code Connection: close}
     * does; on HTTP/2 the server's GOAWAY, sent before the response ({@link #goAwayRule()}).
     */
    public boolean closesConnection() {
        return decision != null && decision.close();
    }

    /** Why the connection closes, e.g. {@code max-requests}, where {@link #closesConnection()}; else null. */
    public CloseReason closeReason() {
        return closesConnection() ? decision.reason() : null;
    }

    /**
     * The rule to announce with HTTP/2's GOAWAY before this response is written, where the lab's own rule ends an HTTP/2
     * connection here; else null (HTTP/1.x says {@code Connection: close}, and a fault ends a connection its own way).
     */
    public CloseReason goAwayRule() {
        return closesConnection() && faultCloseReason() == null && connection.protocol().isHttp2() ? closeReason() : null;
    }

    /** The connection that carried this request, for the server to report its end. */
    public LabConnection connection() {
        return connection;
    }

    /**
     * Records what became of the response; the first report counts.
     *
     * @return the outcome as the access log writes it, e.g. {@code closed/request-timeout}
     */
    public String complete(ResponseOutcome outcome) {
        return history.complete(this, outcome);
    }
}
