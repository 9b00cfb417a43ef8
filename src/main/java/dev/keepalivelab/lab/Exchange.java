package dev.keepalivelab.lab;

/**
 * One request on its connection, from the lab's answer until the server reports what became of the response:
 * the handle through which a serving path tells the lab the truth it alone can see.
 */
public final class Exchange {
    private final ConnectionRegistry registry;
    private final long requestId;
    private final LabConnection connection;
    private final int requestOnConnection;
    private volatile ConnectionDecision decision;
    /** Whether the server has reported the outcome; guarded by the registry's lock. */
    boolean completed;

    Exchange(ConnectionRegistry registry, long requestId, LabConnection connection, int requestOnConnection) {
        this.registry = registry;
        this.requestId = requestId;
        this.connection = connection;
        this.requestOnConnection = requestOnConnection;
    }

    long requestId() {
        return requestId;
    }

    int requestOnConnection() {
        return requestOnConnection;
    }

    void decided(ConnectionDecision decision) {
        this.decision = decision;
    }

    /**
     * Whether the lab decided to end the connection after this response: on HTTP/1.x its {@code Connection: close}
     * does; on HTTP/2 the server sends GOAWAY once the response is complete.
     */
    public boolean closesConnection() {
        return decision != null && decision.close();
    }

    /** The rule that ends the connection, e.g. {@code max-requests}, where {@link #closesConnection()}; else null. */
    public ConnectionDecision.Reason closeRule() {
        return closesConnection() ? decision.reason() : null;
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
        return registry.complete(this, outcome);
    }
}
