package dev.keepalivelab.lab;

/**
 * Whether a response keeps its connection open, and why.
 *
 * @param close               true when the connection closes after this response
 * @param reason              what decided it
 * @param requestOnConnection the 1-based index of this request on its connection; 0 where not counted
 */
public record ConnectionDecision(boolean close, Reason reason, int requestOnConnection) {

    /** {@code kept} or {@code closed}, a slash, and the reason, e.g. {@code closed/max-requests}. */
    public String describe() {
        return (close ? "closed/" : "kept/") + reason.label();
    }

    /** What decided whether a connection stays open. */
    public enum Reason {
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
        ERROR("error"),
        /** A {@link Fault.Kind#SILENT_CLOSE} fault closed it after the response. */
        FAULT_SILENT_CLOSE("fault/silent-close"),
        /** A {@link Fault.Kind#CLOSE_ON_REUSE} fault closed it at the request after the one that asked. */
        FAULT_CLOSE_ON_REUSE("fault/close-on-reuse"),
        /** A {@link Fault.Kind#RESET} fault reset it after the response. */
        FAULT_RESET("fault/reset"),
        /** A {@link Fault.Kind#RESET_ON_REUSE} fault reset it at the request after the one that asked. */
        FAULT_RESET_ON_REUSE("fault/reset-on-reuse"),
        /** A {@link Fault.Kind#NO_RESPONSE} fault left the request unanswered until the timeout closed it. */
        FAULT_NO_RESPONSE("fault/no-response"),
        /** A {@link Fault.Kind#TRUNCATE} fault cut the response at half its body and closed it. */
        FAULT_TRUNCATE("fault/truncate");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Whether a {@link dev.keepalivelab.settings.Fault} ended the connection. */
        public boolean isFault() {
            return label.startsWith("fault/");
        }

        /** Whether the lab's own limits decided, rather than the policy, the client or the protocol. */
        boolean isLabLimit() {
            return this == CLOSE_PATHS || this == USER_AGENT || this == MAX_REQUESTS || this == MAX_AGE;
        }
    }
}
