package dev.keepalivelab.clients;

import dev.keepalivelab.support.StaticNginx;

import java.util.Map;
import java.util.stream.Stream;

/**
 * nginx 1.22 serving the lab's image names as static files, one server per control it has ({@code keepalive_requests},
 * {@code keepalive_time}), each on a plain HTTP/1.1 port, a TLS port with HTTP/2 and a plain port with HTTP/2 by prior
 * knowledge (h2c). Its access log is its record: the client tag ({@code ?client=}) and nginx's connection serial number.
 */
final class MatrixNginx implements AutoCloseable {
    /** What nginx has of the lab's controls. */
    enum Control {
        KEEPALIVE_REQUESTS("keepalive_requests 5;"),
        KEEPALIVE_TIME("keepalive_time " + InteropMatrixIT.MAX_AGE.toMillis() + "ms;");

        final String directive;

        Control(String directive) {
            this.directive = directive;
        }
    }

    private final StaticNginx nginx;

    private MatrixNginx(StaticNginx nginx) {
        this.nginx = nginx;
    }

    static MatrixNginx start() throws Exception {
        return new MatrixNginx(StaticNginx.start(Map.of(), Stream.of(Control.values()).map(control -> control.directive).toList()));
    }

    /** The base URL of {@code control}'s server for {@code client}: plain HTTP/1.1, TLS with HTTP/2, or h2c. */
    String base(Control control, MatrixClient client) {
        StaticNginx.Ports ports = nginx.ports(control.ordinal());
        return (client.tls() ? "https" : "http") + "://127.0.0.1:" + (client.tls() ? ports.tls() : client.h2c() ? ports.h2c() : ports.plain());
    }

    /** The connections nginx logged requests of {@code tag} on, once it has logged at least {@code requests} of them. */
    long connectionsOf(String tag, int requests) throws Exception {
        return nginx.connectionsOf(tag, requests);
    }

    @Override
    public void close() throws Exception {
        nginx.close();
    }
}
