package dev.keepalivelab.lab;

import dev.keepalivelab.lab.connection.LabConnection;
import dev.keepalivelab.lab.page.Listeners;
import dev.keepalivelab.lab.record.Exchange;

import java.util.function.BiConsumer;

/**
 * Attributes through which the lab's serving paths and their server talk: request attributes set on every request
 * the lab answers, for an access log to read, and a servlet context attribute the container may set.
 */
public final class LabRequestAttributes {
    /** The connection's label, e.g. {@code c3}. */
    public static final String CONNECTION_LABEL = "dev.keepalivelab.connectionLabel";
    /** The request's 1-based index on its connection, an {@link Integer}. */
    public static final String REQUEST_ON_CONNECTION = "dev.keepalivelab.requestOnConnection";
    /**
     * {@code Boolean.TRUE} on a request whose target was {@code *} (asterisk-form), which a server passes to a servlet
     * context as {@code /*}, so that the servlet answers it as {@code *}.
     */
    public static final String ASTERISK_FORM = "dev.keepalivelab.asteriskForm";
    /** The request's {@link SocketControl}, set by a server that controls its sockets (the embedded main). */
    public static final String SOCKET_CONTROL = "dev.keepalivelab.socketControl";
    /**
     * The request's {@link LabConnection}, set by a server that made it when it accepted the socket (the embedded main),
     * so that the servlet needs no key to find it.
     */
    public static final String CONNECTION = "dev.keepalivelab.connection";
    /** The {@link Exchange}, for a server that reports what became of the response. */
    public static final String EXCHANGE = "dev.keepalivelab.exchange";

    /**
     * Context attribute mirroring Jetty's {@code persistentConnectionsEnabled}: {@code Boolean.FALSE} or
     * {@code "false"} when the connector closes every connection after its response, so that the lab reports
     * those closes (reason {@code connector}) and never advertises {@code Keep-Alive}. Absent means enabled.
     */
    public static final String PERSISTENT_CONNECTIONS_ENABLED = "dev.keepalivelab.persistentConnectionsEnabled";
    /**
     * Context attribute: {@code Boolean.TRUE} when the server reports each response's outcome and each connection's
     * end through the {@link #EXCHANGE} request attribute (the embedded main), so that the servlet leaves it to it.
     */
    public static final String SERVER_REPORTS_CONNECTIONS = "dev.keepalivelab.serverReportsConnections";
    /** Context attribute: the HTTPS ports the server listens on, as {@link Listeners#attribute()} text, once it listens. */
    public static final String LISTENERS = "dev.keepalivelab.listeners";

    private LabRequestAttributes() {
    }

    /** Sets the request attributes that describe {@code answer} through {@code setAttribute}. */
    public static void describe(LabResponse answer, BiConsumer<String, Object> setAttribute) {
        setAttribute.accept(CONNECTION_LABEL, answer.connectionLabel());
        setAttribute.accept(REQUEST_ON_CONNECTION, answer.requestOnConnection());
        setAttribute.accept(EXCHANGE, answer.exchange());
    }
}
