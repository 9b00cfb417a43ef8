package dev.keepalivelab.lab;

import dev.keepalivelab.lab.connection.LabConnection;


/** A request as the lab sees it, whichever server API delivered it (the Servlet API or Jetty's core API). */
public interface LabRequest {
    /** The request method, e.g. {@code GET}. */
    String method();

    /** The context path the lab is deployed under, e.g. {@code /keepalive-lab}; empty at the root (the embedded main). */
    String contextPath();

    /** The raw (undecoded) path below the context path, without the query. */
    String path();

    /** The request's protocol, e.g. {@code HTTP/1.1}. */
    String protocol();

    /** The values of the header {@code name} joined by commas, or null when the request has none. */
    String header(String name);

    /**
     * The host and port the request names, as the client wrote them: HTTP/1.x's {@code Host} header, HTTP/2's
     * {@code :authority} (e.g. {@code localhost:8080}); null where it names none.
     */
    String authority();

    /** The query as sent, without the {@code ?} and undecoded; null where the request has none. */
    String rawQuery();

    /**
     * The connection that carried the request: the one the server made when it accepted the socket, or, where a
     * container gives the lab no socket, the one {@link KeepAliveLab#connectionByKey} found by the container's key.
     */
    LabConnection connection();

    /**
     * The client's IP address as the server API gives it (Jetty's remote address, the Servlet API's
     * {@code getRemoteAddr()}), e.g. {@code 127.0.0.1}: the peer of the socket, so behind a proxy the proxy's address.
     */
    String remoteAddress();

    /** The client's port. */
    int remotePort();

    /** Whether the request came over TLS. */
    boolean secure();

    /** The request's HTTP/2 stream id; asked only of a request that came over HTTP/2. */
    long streamId();

    /** {@link #bodyBytes()} of a body longer than the serving path reads ({@link RequestBody#readLimit}). */
    long TOO_LARGE = -1;
    /** {@link #bodyBytes()} of a body that stopped before its end: the client closed or reset, or a timeout. */
    long INCOMPLETE = -2;
    /** {@link #bodyBytes()} of a request whose body the serving path did not read: its read limit was {@link RequestBody#NONE}. */
    long NOT_READ = -3;

    /**
     * The length of the body the serving path read up to {@link RequestBody#readLimit}, {@link #TOO_LARGE} where it
     * stopped reading at the limit, {@link #INCOMPLETE}, or {@link #NOT_READ}.
     */
    long bodyBytes();

    /**
     * The body's bytes, where the serving path keeps them ({@link RequestBody#keepsBytes}) and read the body whole;
     * else empty.
     */
    byte[] body();
}
