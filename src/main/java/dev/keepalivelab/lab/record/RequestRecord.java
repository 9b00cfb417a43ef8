package dev.keepalivelab.lab.record;

import dev.keepalivelab.lab.protocol.CloseReason;
import dev.keepalivelab.lab.protocol.ConnectionDecision;
import dev.keepalivelab.lab.protocol.ConnectionDecision.Reason;
import dev.keepalivelab.fault.Fault;
import dev.keepalivelab.lab.protocol.Protocol;

import java.time.Instant;

/**
 * One request the lab answered, as {@code GET /connections} reports it: first with the lab's decision, then, once the
 * server has finished the response, with what happened ({@link #withOutcome}).
 *
 * @param id                  1-based, in order of arrival; {@code ?since=} selects by it
 * @param connectionLabel     the connection's label, e.g. {@code c3}
 * @param requestOnConnection the request's 1-based index on its connection
 * @param facts               what was asked and answered
 * @param closed              whether the connection closed after this response
 * @param reason              what decided it
 * @param time                when the response was decided
 * @param delivery            whether the whole response was written; null until the server says
 * @param bodyBytes           the body bytes written; {@link ResponseOutcome#UNKNOWN} until the server says
 * @param finished            when the server finished the response; null until it says
 */
public record RequestRecord(long id, String connectionLabel, int requestOnConnection, Facts facts, boolean closed,
                     CloseReason reason, Instant time, Delivery delivery, long bodyBytes, Instant finished) {
    /** The longest path remembered whole, so that the history's memory stays bounded whatever clients send. */
    public static final int MAX_PATH_LENGTH = 256;
    static final String TRUNCATED = "...";
    /** The client of a request without a {@code ?client=} tag or a {@code User-Agent}. */
    public static final String NO_CLIENT = "-";
    /** The status of a request a fault left without a response. */
    public static final int NO_STATUS = 0;

    /** Whether a response reached its client whole. */
    enum Delivery {
        COMPLETE("complete"), FAILED("failed");

        final String label;

        Delivery(String label) {
            this.label = label;
        }
    }

    RequestRecord(long id, String connectionLabel, int requestOnConnection, Facts facts, ConnectionDecision decision, Instant time) {
        this(id, connectionLabel, requestOnConnection, facts, decision.close(), decision.reason(), time, null, ResponseOutcome.UNKNOWN,
                null);
    }

    /**
     * This request as it ended: a response cut short says why (its failure wins over any rule); a connection the
     * server closed keeps the lab's reason where the lab asked for the close, else takes the server's.
     */
    RequestRecord withOutcome(ResponseOutcome outcome, Instant now) {
        boolean closedNow = closed;
        CloseReason reasonNow = reason;
        if (outcome.connectionKept() != null) {
            closedNow = !outcome.connectionKept();
            if (!closedNow) {
                reasonNow = Reason.POLICY;
            } else if (!outcome.complete() || !closed) {
                reasonNow = outcome.closeReason() == null ? Reason.ERROR : outcome.closeReason();
            }
        }
        return new RequestRecord(id, connectionLabel, requestOnConnection, facts, closedNow, reasonNow, time,
                outcome.complete() ? Delivery.COMPLETE : Delivery.FAILED, outcome.bodyBytes(), now);
    }

    /** {@code kept} or {@code closed}, a slash, and the reason, e.g. {@code closed/max-requests}. */
    public String describe() {
        return new ConnectionDecision(closed, reason, requestOnConnection).describe();
    }

    /** {@code path} (or any text a client sends), or its first {@link #MAX_PATH_LENGTH} characters (never half a surrogate pair) and {@link #TRUNCATED}. */
    public static String recordedPath(String path) {
        if (path.length() <= MAX_PATH_LENGTH) {
            return path;
        }
        int end = Character.isHighSurrogate(path.charAt(MAX_PATH_LENGTH - 1)) ? MAX_PATH_LENGTH - 1 : MAX_PATH_LENGTH;
        return path.substring(0, end) + TRUNCATED;
    }

    /**
     * @param method     the request method
     * @param path       the path below the context path, without the query, cut at {@link #MAX_PATH_LENGTH} characters
     * @param protocol   e.g. {@code HTTP/1.1}
     * @param connectionProtocol the protocol its connection speaks
     * @param remotePort the client's port
     * @param status     the response status; {@link #NO_STATUS} where a fault left it unanswered
     * @param pageLoad   the page load the request belongs to ({@code ?load=}), or 0
     * @param stream     the request's HTTP/2 stream id, or 0 on HTTP/1.x
     * @param fault      the fault the request asked for or the server gave it, or null
     * @param client     who sent it: its {@code ?client=} tag, else its {@code User-Agent}, else {@link #NO_CLIENT}
     * @param keepAlive  the {@code Keep-Alive: timeout} its response advertised, in seconds; 0 for none
     */
    public record Facts(String method, String path, String protocol, Protocol connectionProtocol, int remotePort, int status, long pageLoad, long stream,
                 Fault fault, String client, long keepAlive) {
    }
}
