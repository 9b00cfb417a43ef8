package dev.keepalivelab.lab.protocol;

import dev.keepalivelab.fault.Effects;
import dev.keepalivelab.settings.ConnectionPolicy;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * HTTP/1.0 and HTTP/1.1: one response at a time on a TCP connection. The lab's policy and limits decide with the
 * client's {@code Connection} tokens and the HTTP/1.0 rule ({@link ConnectionDecider}); {@code Connection} and
 * {@code Keep-Alive} headers announce it ({@link ConnectionHeaders}).
 */
public final class Http1Rules implements ProtocolRules {
    private final ConnectionDecider decider;
    private final ConnectionHeaders headers;

    Http1Rules(ConnectionDecider decider, ConnectionHeaders headers) {
        this.decider = decider;
        this.headers = headers;
    }

    @Override
    public String displayName() {
        return "HTTP/1.x";
    }

    /**
     * Every effect but HTTP/2's refused stream and GOAWAY: a response is the connection's, so what is done to one is done
     * to the other.
     */
    @Override
    public boolean makes(Effects effects) {
        return effects.start() != Effects.Start.REFUSE_STREAM && effects.start() != Effects.Start.GOAWAY_BELOW;
    }

    /** The lab's rules; where none closes, a body the server stopped reading does: the client may still be sending it. */
    @Override
    public ConnectionDecision decide(ConnectionDecider.Request request) {
        ConnectionDecision decided = decider.decide(request);
        return request.bodyUnread() && !decided.close()
                ? new ConnectionDecision(true, ConnectionDecision.Reason.UNREAD_BODY, request.requestOnConnection()) : decided;
    }

    @Override
    public long writeConnectionHeaders(ConnectionPolicy policy, Optional<Duration> keepAliveHint, ConnectionDecision decision,
                                       BiConsumer<String, String> setHeader) {
        return headers.apply(policy, keepAliveHint, decision, setHeader);
    }

    @Override
    public long recordedStream(LongSupplier streamId) {
        return 0;
    }
}
