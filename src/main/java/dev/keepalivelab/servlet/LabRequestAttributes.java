package dev.keepalivelab.servlet;

/**
 * Attributes through which the servlet and its container talk: request attributes the servlet sets on every
 * request it answers, for an access log to read, and a context attribute the container may set.
 */
public final class LabRequestAttributes {
    /** The connection's label, e.g. {@code c3}. */
    public static final String CONNECTION_LABEL = "dev.keepalivelab.connectionLabel";
    /** The request's 1-based index on its connection, an {@link Integer}. */
    public static final String REQUEST_ON_CONNECTION = "dev.keepalivelab.requestOnConnection";
    /** {@code kept} or {@code closed}, a slash, and the reason, e.g. {@code closed/max-requests}. */
    public static final String DECISION = "dev.keepalivelab.decision";

    /**
     * Context attribute mirroring Jetty's {@code persistentConnectionsEnabled}: {@code Boolean.FALSE} or
     * {@code "false"} when the connector closes every connection after its response, so that the lab reports
     * those closes (reason {@code connector}) and never advertises {@code Keep-Alive}. Absent means enabled.
     */
    public static final String PERSISTENT_CONNECTIONS_ENABLED = "dev.keepalivelab.persistentConnectionsEnabled";

    private LabRequestAttributes() {
    }
}
