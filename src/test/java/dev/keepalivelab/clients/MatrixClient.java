package dev.keepalivelab.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.List;

/**
 * A real client in the interop matrix: it sends a list of GETs, one after the other or all at once, the way its users
 * would (its own pooling, its own reaction to {@code Connection: close} and GOAWAY, no retry added), with the
 * User-Agent {@value #USER_AGENT}, and says what it saw.
 */
interface MatrixClient extends AutoCloseable {
    /** What every driver sends as its User-Agent, so that one rule of the lab ({@code keepAliveDisable}) can pick it. */
    String USER_AGENT = "keepalive-matrix";

    /** The client and the protocol it speaks, as the table's first column says it. */
    String name();

    /** Whether it speaks over TLS (HTTP/2 via ALPN) rather than plain HTTP/1.1. */
    boolean tls();

    /** Whether it speaks HTTP/2 in cleartext, with prior knowledge (h2c), rather than HTTP/1.1. */
    default boolean h2c() {
        return false;
    }

    /** The protocol the lab's record should give its connections. */
    default String protocol() {
        return tls() ? "h2" : h2c() ? "h2c" : "http/1.1";
    }

    /** Sends {@code urls} one after the other, each after the previous response and {@code gap}. */
    Run sequential(List<String> urls, Duration gap) throws Exception;

    /** Sends {@code urls} at once, where the client multiplexes (HTTP/2); null where it does not. */
    default Run burst(List<String> urls) throws Exception {
        return null;
    }

    /** Whether {@link #sequential} means anything for this client (nghttp only sends at once). */
    default boolean sendsInSequence() {
        return true;
    }

    @Override
    default void close() throws Exception {
    }

    /** A client that runs both ways by one method; it sends at once only over HTTP/2. */
    abstract class Base implements MatrixClient {
        private final String name;
        private final boolean http2;

        Base(String name, boolean http2) {
            this.name = name;
            this.http2 = http2;
        }

        /** Sends {@code urls} one after the other ({@code gap} between), or at once. */
        public abstract Run run(List<String> urls, Duration gap, boolean atOnce) throws Exception;

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean tls() {
            return http2;
        }

        @Override
        public Run sequential(List<String> urls, Duration gap) throws Exception {
            return run(urls, gap, false);
        }

        @Override
        public Run burst(List<String> urls) throws Exception {
            return http2 ? run(urls, Duration.ZERO, true) : null;
        }
    }

    /**
     * What one run saw.
     *
     * @param sent        requests the run sent
     * @param answered    requests answered 200 with their whole body
     * @param connections connections it opened, by its own account; null where the client cannot tell
     * @param firstError  what the first failed request raised; null when none failed
     */
    record Run(int sent, int answered, Integer connections, String firstError) {
        private static final ObjectMapper JSON = new ObjectMapper();

        /** The same run, with the client's own count of its connections. */
        Run withConnections(int count) {
            return new Run(sent, answered, count, firstError);
        }

        int failed() {
            return sent - answered;
        }

        /** The last line a script printed: {@code {"sent":..,"answered":..,"connections":..,"error":..}}. */
        static Run ofJson(String output) throws Exception {
            String[] lines = output.split("\n");
            JsonNode run;
            try {
                run = JSON.readTree(lines[lines.length - 1]);
            } catch (Exception e) {
                throw new AssertionError("the client printed no result: " + output, e);
            }
            JsonNode connections = run.get("connections");
            JsonNode error = run.get("error");
            return new Run(run.get("sent").asInt(), run.get("answered").asInt(),
                    connections == null || connections.isNull() ? null : connections.asInt(),
                    error == null || error.isNull() ? null : error.asText());
        }
    }
}
