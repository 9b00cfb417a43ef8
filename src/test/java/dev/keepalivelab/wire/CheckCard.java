package dev.keepalivelab.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A run's card as JSON, read from the lab on a connection of its own, and one check's line on it. */
final class CheckCard {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckCard() {
    }

    /** Starts a run of {@code checks} over HTTP/1.1 (the run's start is not a step); returns the path of its first step. */
    static String firstStep(TestLab lab, String checks) throws Exception {
        try (RawConnection connection = lab.connect()) {
            RawResponse start = connection.get("/check?checks=" + checks);
            assertEquals(302, start.status(), start.toString());
            return start.header("Location").orElseThrow();
        }
    }

    /** The line of check {@code name} on run {@code run}'s card. */
    static JsonNode check(TestLab lab, String run, String name) throws Exception {
        try (RawConnection connection = lab.connect()) {
            RawResponse card = connection.get("/check/" + run, "Accept: application/json");
            assertEquals(200, card.status(), card.bodyText());
            for (JsonNode check : JSON.readTree(card.body()).get("checks")) {
                if (check.get("name").asText().equals(name)) {
                    return check;
                }
            }
            throw new AssertionError("no check " + name + " on " + card.bodyText());
        }
    }
}
