package dev.keepalivelab.lab.protocol;

import dev.keepalivelab.fault.Effects;
import dev.keepalivelab.settings.ConnectionPolicy;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * HTTP/2: many streams on one TCP connection, no connection headers (RFC 9113 section 8.2.2). Where the server ends
 * HTTP/2 connections, the lab's policy and limits decide as on HTTP/1.x and a close becomes the server's GOAWAY, sent
 * before the response; elsewhere (a servlet cannot send GOAWAY) every stream keeps its connection. A stream's
 * outcome says nothing of its connection, which other streams share.
 */
public final class Http2Rules implements ProtocolRules {
    /** The lab's rules where the server ends HTTP/2 connections; null where it cannot. */
    private final ConnectionDecider decider;

    Http2Rules(ConnectionDecider decider) {
        this.decider = decider;
    }

    @Override
    public String displayName() {
        return "HTTP/2";
    }

    /**
     * The effects made on the stream (a delay, a drip) or on the TCP connection under all its streams (a close or reset
     * without GOAWAY, after the response or in place of it), a stream refused (RST_STREAM REFUSED_STREAM) or left unprocessed
     * by a GOAWAY below it, in place of the response. A cut stream (RST_STREAM) and a held one are not made yet.
     */
    @Override
    public boolean makes(Effects effects) {
        boolean start = switch (effects.start()) {
            case WRITE, DELAY, CLOSE, RESET, REFUSE_STREAM, GOAWAY_BELOW -> true;
            case HOLD -> false;
        };
        boolean body = switch (effects.body()) {
            case WHOLE, DRIP -> true;
            case HALF_THEN_CUT -> false;
        };
        boolean end = switch (effects.end()) {
            case NONE, CLOSE, RESET -> true;
        };
        return start && body && end;
    }

    @Override
    public ConnectionDecision decide(ConnectionDecider.Request request) {
        return decider != null ? decider.decide(request)
                : new ConnectionDecision(false, ConnectionDecision.Reason.POLICY, request.requestOnConnection());
    }

    /** None: HTTP/2 forbids connection-specific headers. */
    @Override
    public long writeConnectionHeaders(ConnectionPolicy policy, Optional<Duration> keepAliveHint, ConnectionDecision decision,
                                       BiConsumer<String, String> setHeader) {
        return 0;
    }

    @Override
    public long recordedStream(LongSupplier streamId) {
        return streamId.getAsLong();
    }
}
