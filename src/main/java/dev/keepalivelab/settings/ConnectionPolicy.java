package dev.keepalivelab.settings;

import java.util.Arrays;
import java.util.Optional;

/** What the lab does with the {@code Connection} header of a response. */
public enum ConnectionPolicy {
    /**
     * Keep the connection open where the protocol allows it: the response carries
     * {@code Connection: keep-alive} (which Jetty drops on HTTP/1.1, where it is the default, and Tomcat
     * passes through) and, when {@code keepAliveTimeout} is set, a {@code Keep-Alive} header. A client's
     * {@code Connection: close}, an HTTP/1.0 request without {@code Connection: keep-alive} and the
     * {@code maxRequestsPerConnection} limit still close.
     */
    KEEP_ALIVE("keep-alive"),
    /** Close after every response: the response carries {@code Connection: close}. */
    CLOSE("close"),
    /**
     * Add no {@code Connection} or {@code Keep-Alive} header: the container and the client decide
     * (HTTP/1.1 persists unless either side says close). Only {@code maxRequestsPerConnection} still
     * closes, since that limit is the lab's own.
     */
    DEFAULT("default");

    private final String value;

    ConnectionPolicy(String value) {
        this.value = value;
    }

    /** The word used in init-params, flags and query strings. */
    public String value() {
        return value;
    }

    public static Optional<ConnectionPolicy> fromValue(String value) {
        return Arrays.stream(values()).filter(p -> p.value.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
