package dev.keepalivelab.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds what {@code /connections} says of each response against what the test's raw socket saw of it: a response
 * followed by another on the same socket was kept; one followed by the server's close was closed, unless the record
 * says the connection ended later for a reason of its own (an idle timeout). Every complete response took as many body
 * bytes as the socket read.
 */
final class RecordMatchesSocket {
    /**
     * Reasons that end a connection some time after a response that kept it: a timeout, a stop, or a fault sprung on
     * the next request.
     */
    private static final Set<String> LATER_ENDS = Set.of("idle-timeout", "shutdown", "fault/close-on-reuse", "fault/reset-on-reuse");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private RecordMatchesSocket() {
    }

    /**
     * The record completes as the server finishes each response, a moment after its client read the last byte: asks
     * again until no response the sockets saw is in progress and every connection they saw close has ended, or
     * {@link #SETTLE} has passed.
     */
    private static JsonNode settled(int port, List<RawConnection.SocketSaw> seen) throws IOException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            JsonNode json;
            try (RawConnection check = RawConnection.open(port)) {
                json = JSON.readTree(check.get("/connections").body());
            } catch (java.net.ConnectException refused) {
                // A lab at its --max-connections cap stops listening until a connection closes: ask again.
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                sleep();
                continue;
            }
            if (settled(json, seen) || System.nanoTime() > deadline) {
                return json;
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean settled(JsonNode json, List<RawConnection.SocketSaw> seen) {
        Set<String> inProgress = new java.util.HashSet<>();
        json.get("requests").forEach(r -> {
            if (r.get("outcome").isNull()) {
                inProgress.add(r.get("connection").asText() + "#" + r.get("requestOnConnection").asText());
            }
        });
        Set<String> open = new java.util.HashSet<>();
        json.get("connections").forEach(c -> {
            if (!c.get("closed").asBoolean() || c.get("closeReason").isNull()) {
                open.add(c.get("label").asText());
            }
        });
        return seen.stream().noneMatch(saw -> inProgress.contains(saw.label() + "#" + saw.index())
                || saw.fate() == RawConnection.Fate.CLOSED && open.contains(saw.label()));
    }

    /** The mismatches between the lab on {@code port} and what {@code sockets} saw; empty when the record is true. */
    static List<String> mismatches(int port, List<RawConnection> sockets) throws IOException {
        List<RawConnection.SocketSaw> seen = sockets.stream().flatMap(s -> s.seen().stream()).toList();
        if (seen.isEmpty()) {
            return List.of();
        }
        JsonNode json = settled(port, seen);
        Map<String, JsonNode> requests = new HashMap<>();
        json.get("requests").forEach(r -> requests.put(r.get("connection").asText() + "#" + r.get("requestOnConnection").asText(), r));
        Map<String, JsonNode> connections = new HashMap<>();
        json.get("connections").forEach(c -> connections.put(c.get("label").asText(), c));
        List<String> mismatches = new ArrayList<>();
        for (RawConnection.SocketSaw saw : seen) {
            JsonNode record = requests.get(saw.label() + "#" + saw.index());
            if (record == null) {
                continue; // Pushed out of a small history.
            }
            String where = saw.label() + " request " + saw.index() + ": ";
            if ("complete".equals(record.path("outcome").asText()) && record.get("bytes").asInt() != saw.bodyBytes()) {
                mismatches.add(where + "the socket read " + saw.bodyBytes() + " body bytes, the record says " + record);
            }
            String decision = record.get("decision").asText();
            if (saw.fate() == RawConnection.Fate.KEPT && !decision.equals("kept")) {
                mismatches.add(where + "another response followed on the same socket, the record says " + record);
            }
            if (saw.fate() == RawConnection.Fate.CLOSED) {
                JsonNode connection = connections.get(saw.label());
                boolean endedLater = decision.equals("kept") && connection != null
                        && LATER_ENDS.contains(connection.path("closeReason").asText());
                if (!decision.equals("closed") && !endedLater) {
                    mismatches.add(where + "the server closed after it, the record says " + record + " of " + connection);
                }
                if (connection != null && !connection.get("closed").asBoolean()) {
                    mismatches.add(where + "the server closed the connection, the record says it is open: " + connection);
                }
            }
        }
        return mismatches;
    }
}
