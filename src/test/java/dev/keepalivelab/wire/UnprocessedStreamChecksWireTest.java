package dev.keepalivelab.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keepalivelab.support.Await;
import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.LabRecord;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawH2Connection;
import dev.keepalivelab.support.RawH2Connection.Frame;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code refused-stream} and {@code goaway-retry} over h2c, frame by frame. The step goes on stream 3, after a request on
 * stream 1: the lab answers it with RST_STREAM (REFUSED_STREAM, 7) and nothing else, or with GOAWAY (NO_ERROR) whose last
 * stream is 1, then FIN; the record says so (no status, the fault, the outcome failed). Then a client that sends the
 * request again on the same connection, on a new one, or never gets the check's verdict.
 */
class UnprocessedStreamChecksWireTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int STEP_STREAM = 3;
    private static TestLab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = TestLab.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        lab.close();
    }

    /** What the client does once the lab has refused or gone away from the step's stream. */
    enum Then {
        /** Sends the request again as stream 5 on the same connection. */
        SAME_CONNECTION,
        /** Sends it again on a new connection. */
        NEW_CONNECTION,
        /** Never sends it again. */
        NEVER
    }

    /**
     * @param name    what the case shows
     * @param check   the check run
     * @param then    what the client does after the step's first request
     * @param verdict the verdict its card gives
     * @param reason  a part of the card's reason
     */
    record Case(String name, String check, Then then, String verdict, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("refused, sent again on the same connection: pass", "refused-stream", Then.SAME_CONNECTION, "pass",
                        ", the same connection"),
                new Case("refused, sent again on a new connection: pass", "refused-stream", Then.NEW_CONNECTION, "pass",
                        ", a new connection"),
                new Case("refused, never sent again (chain mode): unknown", "refused-stream", Then.NEVER, "unknown",
                        "'s RST_STREAM (REFUSED_STREAM): the client gave up, or has not retried yet"),
                new Case("GOAWAY'd, sent again on a new connection: pass", "goaway-retry", Then.NEW_CONNECTION, "pass",
                        ", a new connection"),
                new Case("GOAWAY'd, sent again as a new stream on the GOAWAY'd connection: fail", "goaway-retry",
                        Then.SAME_CONNECTION, "fail", "as a new stream after its GOAWAY below its stream"),
                new Case("GOAWAY'd, never sent again (chain mode): unknown", "goaway-retry", Then.NEVER, "unknown",
                        "'s GOAWAY below its stream: the client gave up, or has not retried yet"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void eachClientGetsItsVerdict(Case c) throws Exception {
        String step = CheckCard.firstStep(lab, c.check());
        String run = step.split("/")[2];
        boolean refused = c.check().equals("refused-stream");
        try (RawH2Connection first = RawH2Connection.priorKnowledge(lab.port(), Map.of())) {
            assertTrue(first.get(1, "/"));
            assertNotNull(first.await(f -> f.is(RawH2Connection.HEADERS, 1), WAIT), first.summary());
            assertTrue(first.get(STEP_STREAM, step));
            if (refused) {
                assertRefused(first);
            } else {
                assertWentAwayBelow(first);
            }
            switch (c.then()) {
                case SAME_CONNECTION -> {
                    first.get(5, step);
                    if (refused) {
                        assertNotNull(first.await(f -> f.is(RawH2Connection.HEADERS, 5), WAIT), first.summary());
                    }
                }
                case NEW_CONNECTION -> {
                    try (RawH2Connection second = RawH2Connection.priorKnowledge(lab.port(), Map.of())) {
                        assertTrue(second.get(1, step));
                        assertNotNull(second.await(f -> f.is(RawH2Connection.HEADERS, 1), WAIT), second.summary());
                    }
                }
                case NEVER -> {
                }
            }
            int sent = c.then() == Then.NEVER ? 1 : 2;
            if (!refused && c.then() == Then.SAME_CONNECTION
                    && !Await.poll(WAIT, () -> CheckCard.check(lab, run, c.check()).get("requests").size() == sent)) {
                // A stream that arrives once the lab has closed its side is dropped unread by Jetty: the lab never sees it.
                JsonNode check = CheckCard.check(lab, run, c.check());
                assertEquals("unknown", check.get("verdict").asText(), "a stream the lab never saw: " + check.toPrettyString());
            } else {
                JsonNode check = Await.until(c.check() + " with " + sent + " requests", WAIT, () -> CheckCard.check(lab, run, c.check()),
                        line -> line.get("requests").size() == sent);
                assertEquals(c.verdict(), check.get("verdict").asText(), check.toPrettyString());
                assertTrue(check.get("reason").asText().contains(c.reason()), check.toPrettyString());
            }
        }
        assertRecordedUnanswered(step, refused);
    }

    /** RST_STREAM on the step's stream with REFUSED_STREAM, nothing else on it, and the connection still open. */
    private static void assertRefused(RawH2Connection connection) throws Exception {
        Frame reset = connection.await(f -> f.is(RawH2Connection.RST_STREAM, STEP_STREAM), WAIT);
        assertNotNull(reset, connection.summary());
        assertEquals(RawH2Connection.REFUSED_STREAM, reset.errorCode(), connection.summary());
        assertEquals(1, connection.count(f -> f.stream() == STEP_STREAM), "only the RST_STREAM on the step's stream: " + connection.summary());
        assertEquals(0, connection.count(f -> f.type() == RawH2Connection.GOAWAY), connection.summary());
    }

    /** GOAWAY (NO_ERROR) whose last stream is the one below the step's, then FIN, and nothing on the step's stream. */
    private static void assertWentAwayBelow(RawH2Connection connection) throws Exception {
        Frame goAway = connection.awaitGoAway(WAIT);
        assertNotNull(goAway, connection.summary());
        assertEquals(STEP_STREAM - 2, goAway.lastStreamId(), connection.summary());
        assertEquals(0, goAway.errorCode(), connection.summary());
        assertEquals("goaway-unprocessed", goAway.debugData());
        assertTrue(connection.awaitClose(WAIT).isPresent(), "the server ends the connection after its GOAWAY: " + connection.summary());
        assertEquals(0, connection.count(f -> f.stream() == STEP_STREAM), connection.summary());
    }

    /** The record of the step's first request: no status, its fault, failed; a refused stream keeps its connection. */
    private static void assertRecordedUnanswered(String step, boolean refused) throws Exception {
        Connections.Request first = Await.until("the step's first request, finished", WAIT, () -> LabRecord.read(lab),
                r -> r.requests().stream().filter(q -> q.path().equals(step)).findFirst().filter(Connections.Request::finished).isPresent())
                .requests().stream().filter(q -> q.path().equals(step)).findFirst().orElseThrow();
        assertEquals(null, first.status(), first.toString());
        assertEquals(refused ? "refuse-stream" : "goaway-unprocessed", first.fault(), first.toString());
        assertEquals("failed", first.outcome(), first.toString());
        assertEquals(refused ? "kept/policy" : "closed/fault/goaway-unprocessed", first.decided(), first.toString());
        assertEquals(STEP_STREAM, first.stream(), first.toString());
    }

    @Test
    void overHttp1TheChecksAreNotApplicable() throws Exception {
        String step = CheckCard.firstStep(lab, "refused-stream,goaway-retry");
        try (RawConnection connection = lab.connect()) {
            RawResponse refused = connection.get(step);
            assertEquals(302, refused.status(), refused.toString());
            RawResponse goAway = connection.get(refused.header("Location").orElseThrow());
            assertEquals(302, goAway.status(), goAway.toString());
        }
        String run = step.split("/")[2];
        for (String name : List.of("refused-stream", "goaway-retry")) {
            JsonNode check = CheckCard.check(lab, run, name);
            assertEquals("not-applicable", check.get("verdict").asText(), check.toPrettyString());
            assertTrue(check.get("reason").asText().startsWith("not applicable: the client spoke HTTP/1.1, which has no "),
                    check.toPrettyString());
        }
    }
}
