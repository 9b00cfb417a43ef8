package dev.keepalivelab.lab;

import dev.keepalivelab.settings.ConnectionPolicy;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;

/** Turns a {@link ConnectionDecision} into the {@code Connection} and {@code Keep-Alive} headers the lab sends. */
final class ConnectionHeaders {
    static final String KEEP_ALIVE = "Keep-Alive";
    private final Optional<Duration> keepAliveTimeout;
    private final int maxRequestsPerConnection;

    ConnectionHeaders(Optional<Duration> keepAliveTimeout, int maxRequestsPerConnection) {
        this.keepAliveTimeout = keepAliveTimeout;
        this.maxRequestsPerConnection = maxRequestsPerConnection;
    }

    /** Writes the headers for {@code decision} under {@code policy} through {@code setHeader}. */
    void apply(ConnectionPolicy policy, ConnectionDecision decision, BiConsumer<String, String> setHeader) {
        if (policy == ConnectionPolicy.DEFAULT) {
            if (decision.close() && decision.reason().isLabLimit()) {
                setHeader.accept("Connection", "close");
            }
            return;
        }
        if (decision.close()) {
            setHeader.accept("Connection", "close");
            return;
        }
        setHeader.accept("Connection", "keep-alive");
        keepAliveTimeout.ifPresent(timeout -> setHeader.accept(KEEP_ALIVE, keepAliveValue(timeout, decision)));
    }

    private String keepAliveValue(Duration timeout, ConnectionDecision decision) {
        String value = "timeout=" + timeout.toSeconds();
        if (maxRequestsPerConnection > 0) {
            value += ", max=" + (maxRequestsPerConnection - decision.requestOnConnection());
        }
        return value;
    }
}
