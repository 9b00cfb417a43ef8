package dev.keepalivelab.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Holds a typed record against the JSON it was read from, field by field, read by another parser (jackson-databind):
 * the same field names both ways, and each value equal (an empty Optional for null, an Instant for its text).
 */
final class RecordMatchesJson {
    private RecordMatchesJson() {
    }

    static void assertMatches(String where, Record typed, JsonNode json) {
        RecordComponent[] components = typed.getClass().getRecordComponents();
        Set<String> typedNames = new TreeSet<>();
        for (RecordComponent c : components) {
            typedNames.add(c.getName());
        }
        Set<String> jsonNames = new TreeSet<>();
        json.fieldNames().forEachRemaining(jsonNames::add);
        assertEquals(jsonNames, typedNames, where + ": the typed record's fields are the JSON's");
        for (RecordComponent c : components) {
            Object value;
            try {
                value = c.getAccessor().invoke(typed);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            assertValue(where + "." + c.getName(), value, json.get(c.getName()));
        }
    }

    private static void assertValue(String where, Object typed, JsonNode json) {
        Object value = unwrap(typed);
        if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Record) {
            assertEquals(json.size(), list.size(), where + ": as many items");
            for (int i = 0; i < list.size(); i++) {
                assertMatches(where + "[" + i + "]", (Record) list.get(i), json.get(i));
            }
            return;
        }
        assertEquals(jsonValue(json), value instanceof Collection<?> items ? new ArrayList<>(items) : value, where);
    }

    private static Object unwrap(Object typed) {
        if (typed instanceof Optional<?> optional) {
            return unwrap(optional.orElse(null));
        }
        if (typed instanceof OptionalInt optional) {
            return optional.isPresent() ? (long) optional.getAsInt() : null;
        }
        if (typed instanceof OptionalLong optional) {
            return optional.isPresent() ? optional.getAsLong() : null;
        }
        if (typed instanceof Integer number) {
            return number.longValue();
        }
        if (typed instanceof Instant instant) {
            return instant.toString();
        }
        return typed;
    }

    private static Object jsonValue(JsonNode json) {
        if (json.isNull()) {
            return null;
        }
        if (json.isIntegralNumber()) {
            return json.asLong();
        }
        if (json.isBoolean()) {
            return json.asBoolean();
        }
        if (json.isArray()) {
            List<Object> items = new ArrayList<>();
            json.forEach(item -> items.add(jsonValue(item)));
            return items;
        }
        return json.asText();
    }
}
