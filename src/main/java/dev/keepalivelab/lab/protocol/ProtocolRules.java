package dev.keepalivelab.lab.protocol;

import dev.keepalivelab.fault.EffectSupport;
import dev.keepalivelab.settings.ConnectionPolicy;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The rules of the protocol a request came over, chosen by its {@link Protocol} ({@link Rulebook#of}): whether its
 * response keeps the connection, which connection headers it carries, which fault effects it can carry out, and how
 * the record names the request.
 */
public sealed interface ProtocolRules extends EffectSupport permits Http1Rules, Http2Rules {
    /** Whether the response keeps its connection open, and why. */
    ConnectionDecision decide(ConnectionDecider.Request request);

    /**
     * Writes the response's connection headers for {@code decision} under {@code policy} through {@code setHeader}.
     *
     * @return the {@code Keep-Alive: timeout} advertised, in seconds; 0 where none was
     */
    default long writeConnectionHeaders(ConnectionPolicy policy, ConnectionDecision decision, BiConsumer<String, String> setHeader) {
        return writeConnectionHeaders(policy, Optional.empty(), decision, setHeader);
    }

    /**
     * {@link #writeConnectionHeaders(ConnectionPolicy, ConnectionDecision, BiConsumer)}, advertising {@code keepAliveHint}
     * (where the protocol has {@code Keep-Alive}) in place of the lab's {@code keepAliveTimeout}, where one is given.
     */
    long writeConnectionHeaders(ConnectionPolicy policy, Optional<Duration> keepAliveHint, ConnectionDecision decision,
                                BiConsumer<String, String> setHeader);

    /** The request's stream id as its record keeps it, from {@code streamId} where the protocol has streams; else 0. */
    long recordedStream(LongSupplier streamId);
}
