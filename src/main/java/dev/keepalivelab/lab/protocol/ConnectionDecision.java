package dev.keepalivelab.lab.protocol;

/**
 * Whether a response keeps its connection open, and why.
 *
 * @param close               true when the connection closes after this response
 * @param reason              what decided it
 * @param requestOnConnection the 1-based index of this request on its connection; 0 where not counted
 */
public record ConnectionDecision(boolean close, CloseReason reason, int requestOnConnection) {

    /** {@code kept} or {@code closed}, a slash, and the reason, e.g. {@code closed/max-requests}. */
    public String describe() {
        return (close ? "closed/" : "kept/") + reason.label();
    }

    /** The lab's rules and the server's events that decide whether a connection stays open. */
    public enum Reason implements CloseReason {
        /** The connector closes every response (persistent connections disabled there). */
        CONNECTOR("connector"),
        /** The configured {@code connection} / {@code pageConnection} policy. */
        POLICY("policy"),
        /** The client ended the connection: it sent {@code Connection: close}, or closed or reset its end. */
        CLIENT("client"),
        /** An HTTP/1.0 request without {@code Connection: keep-alive}. */
        HTTP_1_0("http/1.0"),
        /** The path matched {@code closePaths}. */
        CLOSE_PATHS("close-paths"),
        /** The client's {@code User-Agent} matched {@code keepAliveDisable}. */
        USER_AGENT("user-agent"),
        /** This was the {@code maxRequestsPerConnection}th request on the connection. */
        MAX_REQUESTS("max-requests"),
        /** The connection was older than {@code maxConnectionAge}. */
        MAX_AGE("max-age"),
        /** The server did not read the request's whole body (e.g. {@code Expect: 100-continue} unanswered), so it closed. */
        UNREAD_BODY("unread-body"),
        /** The server's request timeout ({@code --request-timeout}) expired while the response was in progress. */
        REQUEST_TIMEOUT("request-timeout"),
        /** The connection was idle for the server's idle timeout. */
        IDLE_TIMEOUT("idle-timeout"),
        /** The server is stopping. */
        SHUTDOWN("shutdown"),
        /** The connection failed (an I/O or protocol error). */
        ERROR("error");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public boolean isLabsOwnClose() {
            return this == CLOSE_PATHS || this == USER_AGENT || this == MAX_REQUESTS || this == MAX_AGE || this == UNREAD_BODY;
        }
    }
}
