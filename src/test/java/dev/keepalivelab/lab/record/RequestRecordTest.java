package dev.keepalivelab.lab.record;

import dev.keepalivelab.lab.protocol.CloseReason;
import dev.keepalivelab.lab.protocol.ConnectionDecision.Reason;
import dev.keepalivelab.lab.protocol.Protocol;
import dev.keepalivelab.lab.record.RequestRecord.Delivery;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link RequestRecord#withOutcome}: what the record says once the server has said what became of the response. */
class RequestRecordTest {
    static final Instant DECIDED = Instant.parse("2026-12-06T10:00:00Z");
    static final Instant FINISHED = DECIDED.plusMillis(5);

    /** A row: the lab's decision, what the server reported, and the record that results. */
    record Case(String name, boolean decidedClose, CloseReason decidedReason, ResponseOutcome outcome,
                String recorded, Delivery delivery) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("kept as decided", false, Reason.POLICY, new ResponseOutcome(true, 10, true, null),
                        "kept/policy", Delivery.COMPLETE),
                new Case("closed as the lab's rule said: the rule stays the reason", true, Reason.MAX_REQUESTS,
                        new ResponseOutcome(true, 10, false, Reason.ERROR), "closed/max-requests", Delivery.COMPLETE),
                new Case("a connection the lab kept, closed by the server: the server's reason", false, Reason.POLICY,
                        new ResponseOutcome(true, 10, false, Reason.UNREAD_BODY), "closed/unread-body", Delivery.COMPLETE),
                new Case("a cut response says why it was cut, over the lab's rule", true, Reason.MAX_REQUESTS,
                        new ResponseOutcome(false, 3, false, Reason.REQUEST_TIMEOUT), "closed/request-timeout", Delivery.FAILED),
                new Case("closed with no reason given: an error", false, Reason.POLICY,
                        new ResponseOutcome(true, 10, false, null), "closed/error", Delivery.COMPLETE),
                new Case("decided closed, yet the server kept it: kept by the policy", true, Reason.CLIENT,
                        new ResponseOutcome(true, 10, true, null), "kept/policy", Delivery.COMPLETE),
                new Case("a stream says nothing of its connection: the decision stands", true, Reason.MAX_REQUESTS,
                        new ResponseOutcome(false, 0, null, null), "closed/max-requests", Delivery.FAILED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theOutcomeRewritesTheDecisionOnlyWhereTheServerKnowsBetter(Case row) {
        RequestRecord.Facts facts = new RequestRecord.Facts("GET", "/test1.jpg", "HTTP/1.1", Protocol.HTTP_1_1, 50_000, 200,
                0, 0, null, RequestRecord.NO_CLIENT, 0);
        RequestRecord decided = new RequestRecord(1, "c1", 1, facts, row.decidedClose(), row.decidedReason(), DECIDED, null,
                ResponseOutcome.UNKNOWN, null);
        RequestRecord finished = decided.withOutcome(row.outcome(), FINISHED);
        assertAll(
                () -> assertEquals(row.recorded(), finished.describe(), "kept or closed, and why"),
                () -> assertEquals(row.delivery(), finished.delivery(), "delivery"),
                () -> assertEquals(row.outcome().bodyBytes(), finished.bodyBytes(), "body bytes"),
                () -> assertEquals(FINISHED, finished.finished(), "finished"),
                () -> assertEquals(DECIDED, finished.time(), "the decision's time stays"));
    }
}
