package dev.keepalivelab.servlet;

/** Request attributes the servlet sets on every request it answers, for an access log to read. */
public final class LabRequestAttributes {
    /** The connection's label, e.g. {@code c3}. */
    public static final String CONNECTION_LABEL = "dev.keepalivelab.connectionLabel";
    /** The request's 1-based index on its connection, an {@link Integer}. */
    public static final String REQUEST_ON_CONNECTION = "dev.keepalivelab.requestOnConnection";
    /** {@code kept} or {@code closed}, a slash, and the reason, e.g. {@code closed/max-requests}. */
    public static final String DECISION = "dev.keepalivelab.decision";

    private LabRequestAttributes() {
    }
}
