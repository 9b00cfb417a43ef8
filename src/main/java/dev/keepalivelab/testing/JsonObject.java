package dev.keepalivelab.testing;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A JSON object the lab answered, read field by field with the type the lab documents: a missing field or one of
 * another type fails naming where it is ({@code requests[2].status}), so a lab of another version cannot be misread.
 */
final class JsonObject {
    private final String where;
    private final Map<String, Object> fields;

    private JsonObject(String where, Map<String, Object> fields) {
        this.where = where;
        this.fields = fields;
    }

    /** The object {@code json} is; {@code where} names it in errors, e.g. {@code GET /connections}. */
    static JsonObject parse(String where, String json) {
        try {
            return new JsonObject(where, JSON.std.mapFrom(json));
        } catch (IOException | RuntimeException e) {
            throw new LabClientException(where + " answered what is not a JSON object: " + e.getMessage(), e);
        }
    }

    /** {@code fields} as JSON text. */
    static String write(Map<String, Object> fields) {
        try {
            return JSON.std.asString(fields);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String string(String name) {
        return required(name, String.class);
    }

    Optional<String> optionalString(String name) {
        return Optional.ofNullable(optional(name, String.class));
    }

    boolean bool(String name) {
        return required(name, Boolean.class);
    }

    Optional<Boolean> optionalBool(String name) {
        return Optional.ofNullable(optional(name, Boolean.class));
    }

    int integer(String name) {
        return Math.toIntExact(required(name, Number.class).longValue());
    }

    long number(String name) {
        return required(name, Number.class).longValue();
    }

    OptionalInt optionalInt(String name) {
        Number value = optional(name, Number.class);
        return value == null ? OptionalInt.empty() : OptionalInt.of(Math.toIntExact(value.longValue()));
    }

    OptionalLong optionalLong(String name) {
        Number value = optional(name, Number.class);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value.longValue());
    }

    Instant instant(String name) {
        return Instant.parse(string(name));
    }

    Optional<Instant> optionalInstant(String name) {
        return optionalString(name).map(Instant::parse);
    }

    List<String> strings(String name) {
        List<?> items = required(name, List.class);
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof String)) {
                throw wrongType(name + "[" + i + "]", "a string", items.get(i));
            }
        }
        return items.stream().map(String.class::cast).toList();
    }

    /** Each object of the array {@code name}, read by {@code read}. */
    <T> List<T> objects(String name, Function<JsonObject, T> read) {
        List<?> items = required(name, List.class);
        return java.util.stream.IntStream.range(0, items.size()).mapToObj(i -> {
            String at = where + "." + name + "[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> map)) {
                throw wrongType(name + "[" + i + "]", "an object", items.get(i));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            return read.apply(new JsonObject(at, object));
        }).toList();
    }

    private <T> T required(String name, Class<T> type) {
        T value = optional(name, type);
        if (value == null) {
            throw new LabClientException(where + " has no " + name + " (or it is null)");
        }
        return value;
    }

    private <T> T optional(String name, Class<T> type) {
        if (!fields.containsKey(name)) {
            throw new LabClientException(where + " has no field " + name);
        }
        Object value = fields.get(name);
        if (value != null && !type.isInstance(value)) {
            throw wrongType(name, "a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT), value);
        }
        return type.cast(value);
    }

    private LabClientException wrongType(String name, String expected, Object value) {
        return new LabClientException(where + "." + name + " is " + value + ", not " + expected);
    }
}
