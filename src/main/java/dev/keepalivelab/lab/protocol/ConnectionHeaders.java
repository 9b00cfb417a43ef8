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
     * Writes the headers for {@code decision} under {@code policy} through {@code setHeader}, advertising
     * {@code keepAliveHint} in place of the lab's {@code keepAliveTimeout} where one is given.
     *
     * @return the {@code Keep-Alive: timeout} advertised, in seconds; 0 where none was
     */
    long apply(ConnectionPolicy policy, Optional<Duration> keepAliveHint, ConnectionDecision decision, BiConsumer<String, String> setHeader) {
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
        Optional<Duration> advertised = keepAliveHint.or(() -> keepAliveTimeout);
        if (advertised.isEmpty()) {
            return 0;
        }
        setHeader.accept(KEEP_ALIVE, keepAliveValue(advertised.get(), decision));
        return advertised.get().toSeconds();
    }

    private String keepAliveValue(Duration timeout, ConnectionDecision decision) {
        String value = "timeout=" + timeout.toSeconds();
        if (maxRequestsPerConnection > 0) {
            value += ", max=" + (maxRequestsPerConnection - decision.requestOnConnection());
        }
        return value;
    }
}
