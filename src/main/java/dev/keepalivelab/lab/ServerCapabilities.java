package dev.keepalivelab.lab;

import dev.keepalivelab.lab.connection.LabConnection;
import dev.keepalivelab.fault.Fault;
import dev.keepalivelab.lab.record.Exchange;

/**
 * What the server around the lab does to connections, and what it tells the lab about them.
 *
 * @param closesEveryResponse true when the server has persistent connections disabled, so that the lab reports
 *                            those closes (reason {@code connector}) and never advertises {@code Keep-Alive}
 * @param reportsConnections  true when the server reports each response's outcome ({@link Exchange#complete}) and
 *                            each connection's end ({@link LabConnection#end}), as the embedded main does; false in
 *                            a foreign servlet container, where the lab records what it decided and what it wrote
 * @param endsHttp2Connections true when the server sends GOAWAY before a response whose exchange
 *                            {@link Exchange#closesConnection() closes its connection}, as the embedded main does; a
 *                            servlet cannot, so elsewhere the lab's connection rules do not apply to HTTP/2
 * @param controlsSockets     true when the server closes, resets and holds connections for a {@link Fault}
 *                            ({@link SocketControl}), as the embedded main does; elsewhere the faults that need it are
 *                            refused
 */
public record ServerCapabilities(boolean closesEveryResponse, boolean reportsConnections, boolean endsHttp2Connections,
                                 boolean controlsSockets) {
    /** A servlet container that says nothing beyond the Servlet API. */
    public static final ServerCapabilities SERVLET_API_ONLY = new ServerCapabilities(false, false, false, false);
}
