package dev.keepalivelab.lab.control;

import java.util.Map;

/**
 * The control API's answer: its status, the headers beside {@code Content-Type} ({@link #CONTENT_TYPE}, none on a
 * 204) and {@code Cache-Control: no-store}, and its JSON body (empty for 204).
 */
public record ControlAnswer(int status, Map<String, String> headers, byte[] json) {
    public static final String CONTENT_TYPE = "application/json";
    static final byte[] NO_BODY = new byte[0];

    public ControlAnswer {
        headers = Map.copyOf(headers);
    }

    static ControlAnswer ok(int status, Object json) {
        return new ControlAnswer(status, Map.of(), ControlJson.write(json));
    }

    static ControlAnswer noContent() {
        return new ControlAnswer(204, Map.of(), NO_BODY);
    }

    /** {@code {"error": message}}. */
    static ControlAnswer error(int status, String message) {
        return new ControlAnswer(status, Map.of(), ControlJson.write(ControlJson.error(message)));
    }
}
