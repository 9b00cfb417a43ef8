package dev.keepalivelab.lab.check;

import dev.keepalivelab.fault.Fault;
import dev.keepalivelab.lab.protocol.ConnectionDecision.Reason;
import dev.keepalivelab.lab.protocol.Protocol;
import dev.keepalivelab.lab.record.RequestRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verdicts of {@code refused-stream} and {@code goaway-retry} from records: where the request never came again, the
 * command's exit status turns chain mode's unknown into a fail, whatever the status (a client that reported the error
 * still did not retry a request the server never processed).
 */
class RetryUnprocessedTest {
    /**
     * @param name       what the case shows
     * @param check      the check
     * @param retriedOn  the connection of the request sent again, or null for none
     * @param exitStatus the command's exit status, or null in chain mode
     * @param grade      the verdict's grade
     * @param reason     a part of its reason
     */
    record Case(String name, RetryUnprocessed check, String retriedOn, Integer exitStatus, String grade, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("refused, never again, chain mode: unknown", RetryUnprocessed.REFUSED_STREAM, null, null, "unknown", "gave up"),
                new Case("refused, never again, exited 1: fail", RetryUnprocessed.REFUSED_STREAM, null, 1, "fail", "exited with status 1"),
                new Case("refused, never again, exited 0: fail", RetryUnprocessed.REFUSED_STREAM, null, 0, "fail", "exited with status 0"),
                new Case("refused, again on the same connection: pass", RetryUnprocessed.REFUSED_STREAM, "c1", 0, "pass", "c1, the same connection"),
                new Case("GOAWAY'd, never again, exited 16: fail", RetryUnprocessed.GOAWAY_RETRY, null, 16, "fail", "never sent again"),
                new Case("GOAWAY'd, again on the GOAWAY'd connection: fail", RetryUnprocessed.GOAWAY_RETRY, "c1", null, "fail", "new stream"),
                new Case("GOAWAY'd, again on a new connection: pass", RetryUnprocessed.GOAWAY_RETRY, "c2", 0, "pass", "c2, a new connection"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void eachEndingGetsItsVerdict(Case c) {
        CheckRun run = new CheckRun("r1", List.of(c.check()), "test", Instant.now());
        String path = run.stepPath(c.check(), 1);
        List<RequestRecord> requests = new ArrayList<>();
        requests.add(record(1, "c1", 3, path, Fault.of(c.check().fault())));
        if (c.retriedOn() != null) {
            requests.add(record(2, c.retriedOn(), c.retriedOn().equals("c1") ? 5 : 1, path, null));
        }
        Verdict verdict = c.check().verdict(new Evidence(run, c.check(), requests, c.exitStatus()));
        assertEquals(c.grade(), verdict.grade().label(), verdict.reason());
        assertTrue(verdict.reason().contains(c.reason()), verdict.reason());
    }

    private static RequestRecord record(long id, String connection, long stream, String path, Fault fault) {
        RequestRecord.Facts facts = new RequestRecord.Facts("GET", path, "HTTP/2.0", Protocol.H2C, 40000, fault == null ? 302
                : RequestRecord.NO_STATUS, 0, stream, fault, "test", 0);
        return new RequestRecord(id, connection, 1, facts, false, Reason.POLICY, Instant.now(), null, -1, null);
    }
}
