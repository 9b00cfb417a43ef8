package dev.keepalivelab.lab.check;

import dev.keepalivelab.fault.Fault;
import dev.keepalivelab.settings.ConnectionPolicy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lab's answer under {@code /check}: a status, headers, a body, and the connection behaviour the lab gives the
 * response as {@code ?connection=} and {@code ?fault=} would.
 *
 * @param headers the headers beyond {@code Content-Type} (e.g. {@code Location}), in order
 * @param policy  the connection policy of the response; empty for the lab's own
 * @param fault   the fault it carries; empty for none
 * @param keepAliveHint the {@code Keep-Alive: timeout} the response advertises; empty for the lab's own
 * @param idleTimeout   the idle timeout of its connection from this response on; empty for the lab's own
 */
public record CheckAnswer(int status, List<Map.Entry<String, String>> headers, String contentType, byte[] body,
                          Optional<ConnectionPolicy> policy, Optional<Fault> fault, Optional<Duration> keepAliveHint,
                          Optional<Duration> idleTimeout) {
    static final String TEXT = "text/plain;charset=utf-8";

    /** An answer with the lab's own connection behaviour. */
    static CheckAnswer of(int status, List<Map.Entry<String, String>> headers, String contentType, String body) {
        return new CheckAnswer(status, headers, contentType, body.getBytes(StandardCharsets.UTF_8), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** A plain-text answer: an error, or a redirect's body. */
    static CheckAnswer text(int status, String message, List<Map.Entry<String, String>> headers) {
        return of(status, headers, TEXT, message + "\n");
    }

    static CheckAnswer error(int status, String message) {
        return text(status, message, List.of());
    }
}
