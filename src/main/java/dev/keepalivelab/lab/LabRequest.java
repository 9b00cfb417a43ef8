package dev.keepalivelab.lab;

import java.util.List;

/** A request as the lab sees it, whichever server API delivered it (the Servlet API or Jetty's core API). */
public interface LabRequest {
    /** The request method, e.g. {@code GET}. */
    String method();

    /** The raw (undecoded) path below the context path, without the query. */
    String path();

    /** The request's protocol, e.g. {@code HTTP/1.1}. */
    String protocol();

    /** The values of the header {@code name} joined by commas, or null when the request has none. */
    String header(String name);

    /** The decoded values of the query parameter {@code name}, in order; empty when absent. */
    List<String> queryValues(String name);

    /** A key that identifies the request's connection among the connections open at once. */
    String connectionKey();

    /** The client's port. */
    int remotePort();
}
