package dev.keepalivelab.lab.check;

import dev.keepalivelab.fault.Fault;
import dev.keepalivelab.settings.ConnectionPolicy;

import java.nio.charset.StandardCharsets;
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
 */
public record CheckAnswer(int status, List<Map.Entry<String, String>> headers, String contentType, byte[] body,
                          Optional<ConnectionPolicy> policy, Optional<Fault> fault) {
    static final String TEXT = "text/plain;charset=utf-8";

    /** A plain-text answer: an error, or a redirect's body. */
    static CheckAnswer text(int status, String message, List<Map.Entry<String, String>> headers) {
        return new CheckAnswer(status, headers, TEXT, (message + "\n").getBytes(StandardCharsets.UTF_8), Optional.empty(),
                Optional.empty());
    }

    static CheckAnswer error(int status, String message) {
        return text(status, message, List.of());
    }
}
