package dev.keepalivelab.servlet;

import dev.keepalivelab.servlet.ConnectionDecision.Reason;
import dev.keepalivelab.settings.ConnectionPolicy;

import java.util.Locale;

/** Decides whether an HTTP/1.x response keeps its connection open. Pure: no I/O, no state. */
final class ConnectionDecider {
    private final int maxRequestsPerConnection;

    ConnectionDecider(int maxRequestsPerConnection) {
        this.maxRequestsPerConnection = maxRequestsPerConnection;
    }

    /**
     * @param policy              the policy of the resource requested
     * @param protocol            the request's protocol, e.g. {@code HTTP/1.1}
     * @param connectionHeader    the request's {@code Connection} header values joined by commas, or null
     * @param requestOnConnection the 1-based index of the request on its connection; 0 where not counted
     */
    ConnectionDecision decide(ConnectionPolicy policy, String protocol, String connectionHeader, int requestOnConnection) {
        if (policy == ConnectionPolicy.CLOSE) {
            return new ConnectionDecision(true, Reason.POLICY, requestOnConnection);
        }
        if (hasToken(connectionHeader, "close")) {
            return new ConnectionDecision(true, Reason.CLIENT, requestOnConnection);
        }
        if ("HTTP/1.0".equals(protocol) && !hasToken(connectionHeader, "keep-alive")) {
            return new ConnectionDecision(true, Reason.HTTP_1_0, requestOnConnection);
        }
        if (maxRequestsPerConnection > 0 && requestOnConnection >= maxRequestsPerConnection) {
            return new ConnectionDecision(true, Reason.MAX_REQUESTS, requestOnConnection);
        }
        return new ConnectionDecision(false, Reason.POLICY, requestOnConnection);
    }

    /** Whether this connection's requests must be counted for {@link #decide} to be right. */
    boolean countsRequests() {
        return maxRequestsPerConnection > 0;
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
