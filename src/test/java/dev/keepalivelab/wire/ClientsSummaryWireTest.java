package dev.keepalivelab.wire;

import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.LabRecord;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawConnection.End;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code clients} summary of {@code /connections}: what each client did, from what the server saw on its sockets. */
class ClientsSummaryWireTest {
    /** The summary of {@code client} once its last request has finished. */
    static Connections.Client summaryOf(TestLab lab, String client, int requests) throws Exception {
        return LabRecord.summaryOf(lab, client, c -> c.requests() == requests);
    }

    @Test
    void keptAliveAndClosingClientsDifferInConnectionsAndReuse() throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            try (RawConnection kept = lab.connect()) {
                for (int i = 1; i <= 3; i++) {
                    assertEquals(200, kept.get("/test" + i + ".jpg?client=kept").status());
                }
            }
            for (int i = 1; i <= 3; i++) {
                try (RawConnection closing = lab.connect()) {
                    assertEquals(200, closing.get("/test" + i + ".jpg?client=closing&connection=close").status());
                    closing.awaitEnd();
                }
            }
            Connections.Client kept = summaryOf(lab, "kept", 3);
            assertEquals(1, kept.connections());
            assertEquals(2, kept.reused());
            assertNotNull(kept.maxIdleBeforeReuseMs(), kept.toString());
            Connections.Client closing = summaryOf(lab, "closing", 3);
            assertEquals(3, closing.connections());
            assertEquals(0, closing.reused());
            assertNull(closing.medianIdleBeforeReuseMs(), closing.toString());
        }
    }

    /** Which count of a client's summary a retry adds to. */
    enum Counted {
        retried(Connections.Client::retried), retriedNonIdempotent(Connections.Client::retriedNonIdempotent);

        final ToIntFunction<Connections.Client> count;

        Counted(ToIntFunction<Connections.Client> count) {
            this.count = count;
        }
    }

    @ParameterizedTest(name = "{0} lost to {1}, sent again on a new connection: counted as {2}")
    @CsvSource({
            "GET,  close-on-reuse, retried",
            "POST, reset-on-reuse, retriedNonIdempotent",
            "PUT,  close-on-reuse, retried"})
    void aLostRequestSentAgainOnANewConnectionIsARetry(String method, String fault, Counted counted) throws Exception {
        String lostRequest = method + " /submit?client=c HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\nok";
        try (TestLab lab = TestLab.start(Map.of())) {
            try (RawConnection stale = lab.connect()) {
                assertEquals(200, stale.get("/test1.jpg?client=c&fault=" + fault).status());
                stale.send(lostRequest);
                stale.awaitEnd();
            }
            try (RawConnection fresh = lab.connect()) {
                fresh.send(lostRequest);
                assertEquals(method.equals("GET") ? 405 : 200, fresh.readResponse(false).status());
            }
            Connections.Client c = summaryOf(lab, "c", 3);
            assertEquals(1, c.faults());
            assertEquals(1, c.lost());
            assertEquals(1, counted.count.applyAsInt(c), c.toString());
            assertEquals(0, c.notRetried());
        }
    }

    @Test
    void aLostRequestNotSentAgainIsNotRetried() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection stale = lab.connect()) {
            assertEquals(200, stale.get("/test1.jpg?client=gives-up&fault=reset-on-reuse").status());
            stale.send("GET /test2.jpg?client=gives-up HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(End.RST, stale.awaitEnd());
            Connections.Client c = summaryOf(lab, "gives-up", 2);
            assertEquals(1, c.notRetried(), c.toString());
            assertEquals(0, c.retried());
        }
    }

    /** The idle time is the behaviour under test here, so the test waits it out. */
    @Test
    void aReuseLaterThanTheAdvertisedKeepAliveTimeoutIsCounted() throws Exception {
        try (TestLab lab = TestLab.start(Map.of("keepAliveTimeout", "1s")); RawConnection connection = lab.connect()) {
            assertEquals("timeout=1", connection.get("/test1.jpg?client=late").header("Keep-Alive").orElseThrow());
            assertEquals(200, connection.get("/test2.jpg?client=late").status());
            Thread.sleep(1300); // the idle time under test, not synchronisation
            assertEquals(200, connection.get("/test3.jpg?client=late").status());
            Connections.Client late = summaryOf(lab, "late", 3);
            assertEquals(2, late.reused());
            assertEquals(1, late.reusedAfterKeepAliveTimeout(), late.toString());
            assertTrue(late.maxIdleBeforeReuseMs() > 1000, "idle longer than the advertised second: " + late);
        }
    }

    @Test
    void theUserAgentNamesAClientWithoutATag() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            assertEquals(200, connection.get("/test1.jpg", "User-Agent: lab-test/1.0").status());
            assertEquals(400, connection.get("/test1.jpg?client=a%20b").status(), "a tag is a token");
            summaryOf(lab, "lab-test/1.0", 1);
        }
    }
}
