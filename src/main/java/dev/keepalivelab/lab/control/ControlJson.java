package dev.keepalivelab.lab.control;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.keepalivelab.fault.ArmedFault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The control API's JSON, in and out (jackson-jr): an object read strictly, and the documented objects written. */
final class ControlJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JSON JSON_IO = JSON.builder(FACTORY).enable(JSON.Feature.WRITE_NULL_PROPERTIES, JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS)
            .build();

    private ControlJson() {
    }

    /** A body that is not one JSON object and nothing else. */
    static final class MalformedJson extends Exception {
        MalformedJson(String message) {
            super(message);
        }
    }

    /** The body as one JSON object, its fields in order. */
    static Map<String, Object> readObject(byte[] body) throws MalformedJson {
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new MalformedJson("the body is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new MalformedJson("the body is " + describe(first) + ", not an object");
            }
            Map<String, Object> object = JSON_IO.mapFrom(parser);
            if (parser.nextToken() != null) {
                throw new MalformedJson("the object is followed by more at offset " + parser.currentTokenLocation().getByteOffset());
            }
            return object;
        } catch (IOException e) {
            String message = e.getMessage();
            throw new MalformedJson(message == null ? e.toString() : message.lines().findFirst().orElse(message));
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /** {@code value} as JSON text, e.g. {@code "3"} for a string, for a message that quotes what a client sent. */
    static String quote(Object value) {
        return new String(write(value), StandardCharsets.UTF_8).strip();
    }

    static byte[] write(Object value) {
        try {
            return JSON_IO.asBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }

    /** An armed fault as {@code GET /control/faults/{id}} gives it. */
    static Map<String, Object> armedFault(ArmedFault armed) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", armed.id());
        json.put("fault", armed.fault().label());
        json.put("requests", armed.count().kind() == ArmedFault.Count.Kind.REQUESTS ? armed.count().n() : null);
        json.put("connections", armed.count().kind() == ArmedFault.Count.Kind.CONNECTIONS ? armed.count().n() : null);
        json.put("paths", armed.paths());
        json.put("client", armed.client().orElse(null));
        json.put("remaining", armed.remaining().isPresent() ? armed.remaining().getAsLong() : null);
        json.put("applied", armed.applied());
        return json;
    }
}
