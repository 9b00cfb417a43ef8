package dev.keepalivelab.lab.control;

import dev.keepalivelab.fault.ArmedFault;
import dev.keepalivelab.fault.ArmedFault.Count;
import dev.keepalivelab.fault.Fault;
import dev.keepalivelab.fault.Faults;
import dev.keepalivelab.lab.record.RequestRecord;
import dev.keepalivelab.settings.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the body of {@code POST /control/faults}: one JSON object with {@code fault} and, optionally, {@code requests}
 * or {@code connections}, {@code paths} and {@code client}. Every refusal names the field, the value and what is
 * allowed; a null field is an absent one.
 */
final class ArmingBody {
    static final String FAULT = "fault";
    static final String REQUESTS = "requests";
    static final String CONNECTIONS = "connections";
    static final String PATHS = "paths";
    static final String CLIENT = "client";
    private static final Set<String> FIELDS = Set.of(FAULT, REQUESTS, CONNECTIONS, PATHS, CLIENT);
    static final String EXAMPLE = "{\"fault\": \"reset-on-reuse\", \"requests\": 1}";
    private static final String COUNT_ALLOWED = "an integer from 1 to " + ArmedFault.MAX_COUNT;
    private static final String PATHS_ALLOWED = "an array of path globs, each of visible ASCII without commas (* and ?, such"
            + " as /test1*.jpg); empty for any path";
    private static final String CLIENT_ALLOWED = "a string of 1 to " + RequestRecord.MAX_PATH_LENGTH + " characters without"
            + " control characters: a ?client= tag or a User-Agent";

    private ArmingBody() {
    }

    /** A body that does not say a fault to arm; the message names the field, the value and what is allowed. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    static ArmedFault.Arming parse(byte[] body) throws Refused {
        Map<String, Object> object;
        try {
            object = ControlJson.readObject(body);
        } catch (ControlJson.MalformedJson e) {
            throw new Refused("Malformed JSON body: " + e.getMessage() + ". The body is one JSON object such as " + EXAMPLE + ".");
        }
        for (String field : object.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new Refused("Unknown field " + ControlJson.quote(field) + ": a fault to arm takes fault (required),"
                        + " requests or connections, paths and client.");
            }
        }
        Object fault = object.get(FAULT);
        if (fault == null) {
            throw new Refused("Field fault is required: a fault as ?fault= writes it, one of " + Faults.ALLOWED + ".");
        }
        Fault parsed = fault instanceof String text ? Faults.parse(text).orElse(null) : null;
        if (parsed == null) {
            throw invalid(FAULT, fault, "a fault as ?fault= writes it, one of " + Faults.ALLOWED);
        }
        Object requests = object.get(REQUESTS);
        Object connections = object.get(CONNECTIONS);
        if (requests != null && connections != null) {
            throw new Refused("Fields requests and connections exclude each other: give one of them, or neither to keep the"
                    + " fault armed until it is disarmed.");
        }
        Count count = requests != null ? Count.requests(count(REQUESTS, requests))
                : connections != null ? Count.connections(count(CONNECTIONS, connections)) : Count.UNTIL_DISARMED;
        return new ArmedFault.Arming(parsed, count, paths(object.get(PATHS)), client(object.get(CLIENT)));
    }

    private static int count(String field, Object value) throws Refused {
        if (value instanceof Integer || value instanceof Long) {
            long n = ((Number) value).longValue();
            if (n >= 1 && n <= ArmedFault.MAX_COUNT) {
                return (int) n;
            }
        }
        throw invalid(field, value, COUNT_ALLOWED);
    }

    private static List<String> paths(Object value) throws Refused {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw invalid(PATHS, value, PATHS_ALLOWED);
        }
        List<String> globs = new ArrayList<>();
        for (Object glob : list) {
            if (!(glob instanceof String text) || text.isEmpty() || text.contains(",") || !isGlob(text)) {
                throw new Refused("Invalid path glob " + ControlJson.quote(glob) + " in field paths: allowed is " + PATHS_ALLOWED + ".");
            }
            globs.add(text);
        }
        return globs;
    }

    private static boolean isGlob(String text) {
        try {
            return Values.globs(text).size() == 1;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<String> client(Object value) throws Refused {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text) || text.isEmpty() || text.length() > RequestRecord.MAX_PATH_LENGTH
                || text.chars().anyMatch(Character::isISOControl)) {
            throw invalid(CLIENT, value, CLIENT_ALLOWED);
        }
        return Optional.of(text);
    }

    private static Refused invalid(String field, Object value, String allowed) {
        return new Refused("Invalid value " + ControlJson.quote(value) + " for field " + field + ": allowed is " + allowed + ".");
    }
}
