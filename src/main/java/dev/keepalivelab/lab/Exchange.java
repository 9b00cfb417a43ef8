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
