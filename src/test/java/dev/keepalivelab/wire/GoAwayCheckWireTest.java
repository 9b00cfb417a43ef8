package dev.keepalivelab.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keepalivelab.support.RawH2Connection;
import dev.keepalivelab.support.RawH2Connection.Frame;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code goaway} check over h2c, frame by frame: step 1 comes with the lab's GOAWAY; a client that asks for step 2
 * on a new connection passes; one that opens a new stream on the GOAWAY'd connection while the GOAWAY is a notice
 * fails (the lab answers that stream, and its record shows it on the old connection); one that opens it after the
 * final GOAWAY meets a server that drops it unread: the record never sees it, and the card says unknown.
 */
class GoAwayCheckWireTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static TestLab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = TestLab.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        lab.close();
    }

    private static String step1() throws Exception {
        return CheckCard.firstStep(lab, "goaway");
    }

    /** Sends step 1 on stream 1 and waits for its GOAWAY and its response; the final GOAWAY too where {@code awaitFinal}. */
    private static void askStep1(RawH2Connection connection, String path, boolean awaitFinal) throws Exception {
        assertTrue(connection.get(1, path));
        assertNotNull(connection.awaitGoAway(WAIT), connection.summary());
        assertNotNull(connection.await(f -> f.is(RawH2Connection.HEADERS, 1), WAIT), connection.summary());
        if (awaitFinal) {
            assertNotNull(connection.awaitFinalGoAway(WAIT), connection.summary());
        }
    }

    @Test
    void aClientThatAsksOnANewConnectionPasses() throws Exception {
        String step1 = step1();
        try (RawH2Connection first = RawH2Connection.priorKnowledge(lab.port(), Map.of())) {
            askStep1(first, step1, true);
            try (RawH2Connection second = RawH2Connection.priorKnowledge(lab.port(), Map.of())) {
                assertTrue(second.get(1, step2(step1)));
                assertNotNull(second.await(f -> f.is(RawH2Connection.HEADERS, 1), WAIT), second.summary());
            }
        }
        JsonNode check = check(step1, "goaway");
        assertEquals("pass", check.get("verdict").asText(), check.toPrettyString());
    }

    @Test
    void aNewStreamWhileTheGoAwayIsANoticeIsAnsweredAndFails() throws Exception {
        String step1 = step1();
        try (RawH2Connection first = RawH2Connection.priorKnowledge(lab.port(), Map.of())) {
            first.withholdPingAcks(); // the lab's GOAWAY stays a notice (last stream 2^31-1) while its PING goes unanswered
            askStep1(first, step1, false);
            assertTrue(first.get(3, step2(step1)));
            Frame answered = first.await(f -> f.is(RawH2Connection.HEADERS, 3), WAIT);
            assertNotNull(answered, "the lab answers a stream opened under its notice: " + first.summary());
        }
        JsonNode check = check(step1, "goaway");
        assertEquals("fail", check.get("verdict").asText(), check.toPrettyString());
    }

    @Test
    void aNewStreamAfterTheFinalGoAwayIsDroppedUnseenAndTheCardSaysUnknown() throws Exception {
        String step1 = step1();
        try (RawH2Connection first = RawH2Connection.priorKnowledge(lab.port(), Map.of())) {
            askStep1(first, step1, true);
            first.get(3, step2(step1));
            assertTrue(first.awaitClose(WAIT).isPresent(), first.summary());
            assertEquals(0, first.count(f -> f.stream() == 3), "the server answered nothing on stream 3: " + first.summary());
        }
        JsonNode check = check(step1, "goaway");
        assertEquals("unknown", check.get("verdict").asText(), check.toPrettyString());
        assertTrue(check.get("reason").asText().contains("never reached the lab"), check.toPrettyString());
    }

    private static String step2(String step1) {
        return step1.substring(0, step1.length() - 1) + "2";
    }

    private static JsonNode check(String step1, String name) throws Exception {
        return CheckCard.check(lab, step1.split("/")[2], name);
    }
}
