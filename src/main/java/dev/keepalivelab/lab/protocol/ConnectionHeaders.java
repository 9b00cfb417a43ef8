package dev.keepalivelab.lab.protocol;

import dev.keepalivelab.settings.ConnectionPolicy;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;

/** Turns a {@link ConnectionDecision} into the {@code Connection} and {@code Keep-Alive} headers the lab sends. */
final class ConnectionHeaders {
    private static final String KEEP_ALIVE = "Keep-Alive";
    private final Optional<Duration> keepAliveTimeout;
    private final int maxRequestsPerConnection;

    ConnectionHeaders(Optional<Duration> keepAliveTimeout, int maxRequestsPerConnection) {
        this.keepAliveTimeout = keepAliveTimeout;
        this.maxRequestsPerConnection = maxRequestsPerConnection;
    }

    /**
     * Writes the headers for {@code decision} under {@code policy} through {@code setHeader}.
     *
     * @return the {@code Keep-Alive: timeout} advertised, in seconds; 0 where none was
     */
    long apply(ConnectionPolicy policy, ConnectionDecision decision, BiConsumer<String, String> setHeader) {
        if (policy == ConnectionPolicy.DEFAULT) {
            if (decision.close() && decision.reason().isLabsOwnClose()) {
                setHeader.accept("Connection", "close");
            }
            return 0;
        }
        if (decision.close()) {
            setHeader.accept("Connection", "close");
            return 0;
        }
        setHeader.accept("Connection", "keep-alive");
        if (keepAliveTimeout.isEmpty()) {
            return 0;
        }
        setHeader.accept(KEEP_ALIVE, keepAliveValue(keepAliveTimeout.get(), decision));
        return keepAliveTimeout.get().toSeconds();
    }

    private String keepAliveValue(Duration timeout, ConnectionDecision decision) {
        String value = "timeout=" + timeout.toSeconds();
        if (maxRequestsPerConnection > 0) {
            value += ", max=" + (maxRequestsPerConnection - decision.requestOnConnection());
        }
        return value;
    }
}
