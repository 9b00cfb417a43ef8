package dev.keepalivelab.lab.protocol;

import dev.keepalivelab.lab.protocol.ConnectionDecision.Reason;
import dev.keepalivelab.fault.PathGlob;
import dev.keepalivelab.settings.ConnectionPolicy;
import dev.keepalivelab.settings.LabSettings;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Decides whether a response keeps its connection open, by the lab's policy and limits and the HTTP/1.x rules. Pure: no I/O, no clock. */
public final class ConnectionDecider {
    private final int maxRequestsPerConnection;
    private final Optional<Duration> maxConnectionAge;
    private final List<Pattern> closePaths;
    private final Optional<Pattern> keepAliveDisable;
    private final boolean connectorClosesEveryResponse;

    ConnectionDecider(LabSettings settings) {
        this(settings, false);
    }

    ConnectionDecider(LabSettings settings, boolean connectorClosesEveryResponse) {
        this.connectorClosesEveryResponse = connectorClosesEveryResponse;
        this.maxRequestsPerConnection = settings.maxRequestsPerConnection();
        this.maxConnectionAge = settings.maxConnectionAge();
        this.closePaths = settings.closePaths().stream().map(PathGlob::pattern).toList();
        this.keepAliveDisable = settings.keepAliveDisable().map(Pattern::compile);
    }

    /**
     * What the decision depends on.
     *
     * @param policy              the policy of this response
     * @param protocol            the request's protocol, e.g. {@code HTTP/1.1}
     * @param connectionHeader    the request's {@code Connection} header values joined by commas, or null
     * @param path                the path below the context path
     * @param userAgent           the request's {@code User-Agent}, or null
     * @param requestOnConnection the 1-based index of the request on its connection
     * @param connectionAge       the time since the connection's first request
     * @param bodyUnread          whether the request's body stays on the connection unread: over the bound the serving path
     *                            reads, stopped before its end, or not asked for after {@code Expect: 100-continue}
     */
    public record Request(ConnectionPolicy policy, String protocol, String connectionHeader, String path, String userAgent,
                   int requestOnConnection, Duration connectionAge, boolean bodyUnread) {
    }

    /** The first rule that closes wins, in the order docs/settings.md documents. */
    public ConnectionDecision decide(Request r) {
        int index = r.requestOnConnection();
        if (connectorClosesEveryResponse) {
            return new ConnectionDecision(true, Reason.CONNECTOR, index);
        }
        if (r.policy() == ConnectionPolicy.CLOSE) {
            return new ConnectionDecision(true, Reason.POLICY, index);
        }
        if (hasToken(r.connectionHeader(), "close")) {
            return new ConnectionDecision(true, Reason.CLIENT, index);
        }
        if ("HTTP/1.0".equals(r.protocol()) && !hasToken(r.connectionHeader(), "keep-alive")) {
            return new ConnectionDecision(true, Reason.HTTP_1_0, index);
        }
        if (closePaths.stream().anyMatch(glob -> glob.matcher(r.path()).matches())) {
            return new ConnectionDecision(true, Reason.CLOSE_PATHS, index);
        }
        if (r.userAgent() != null && keepAliveDisable.filter(p -> p.matcher(r.userAgent()).find()).isPresent()) {
            return new ConnectionDecision(true, Reason.USER_AGENT, index);
        }
        if (maxRequestsPerConnection > 0 && index >= maxRequestsPerConnection) {
            return new ConnectionDecision(true, Reason.MAX_REQUESTS, index);
        }
        if (maxConnectionAge.filter(max -> r.connectionAge().compareTo(max) >= 0).isPresent()) {
            return new ConnectionDecision(true, Reason.MAX_AGE, index);
        }
        return new ConnectionDecision(false, Reason.POLICY, index);
    }

    static boolean hasToken(String headerValue, String token) {
        if (headerValue == null) {
            return false;
        }
        for (String part : headerValue.split(",")) {
            if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
                return true;
            }
        }
        return false;
    }
}
