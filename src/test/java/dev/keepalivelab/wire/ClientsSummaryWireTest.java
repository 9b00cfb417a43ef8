package dev.keepalivelab.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawConnection.End;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static dev.keepalivelab.wire.ConnectionsApiWireTest.connections;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code clients} summary of {@code /connections}: what each client did, from what the server saw on its sockets. */
class ClientsSummaryWireTest {
    /** The summary of {@code client} once its last request has finished. */
    static JsonNode summaryOf(TestLab lab, String client, int requests) throws Exception {
        long deadline = System.nanoTime() + ConnectionsApiWireTest.CLOSE_WAIT.toNanos();
        while (true) {
            JsonNode json = connections(lab, "");
            boolean settled = true;
            for (JsonNode r : json.get("requests")) {
                settled &= !r.get("client").asText().equals(client) || !r.get("outcome").isNull();
            }
            for (JsonNode c : json.get("clients")) {
                if (settled && c.get("client").asText().equals(client) && c.get("requests").asInt() == requests) {
                    return c;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no settled summary of " + requests + " requests for " + client + ": " + json.get("clients"));
            }
            Thread.sleep(20);
        }
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
            JsonNode kept = summaryOf(lab, "kept", 3);
            assertEquals(1, kept.get("connections").asInt());
            assertEquals(2, kept.get("reused").asInt());
            assertTrue(kept.get("maxIdleBeforeReuseMs").isNumber(), kept.toString());
            JsonNode closing = summaryOf(lab, "closing", 3);
            assertEquals(3, closing.get("connections").asInt());
            assertEquals(0, closing.get("reused").asInt());
            assertTrue(closing.get("medianIdleBeforeReuseMs").isNull(), closing.toString());
        }
    }

    @ParameterizedTest(name = "{0} lost to {1}, sent again on a new connection: counted as {2}")
    @CsvSource({
            "GET,  close-on-reuse, retried",
            "POST, reset-on-reuse, retriedNonIdempotent",
            "PUT,  close-on-reuse, retried"})
    void aLostRequestSentAgainOnANewConnectionIsARetry(String method, String fault, String counted) throws Exception {
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
            JsonNode c = summaryOf(lab, "c", 3);
            assertEquals(1, c.get("faults").asInt());
            assertEquals(1, c.get("lost").asInt());
            assertEquals(1, c.get(counted).asInt(), c.toString());
            assertEquals(0, c.get("notRetried").asInt());
        }
    }

    @Test
    void aLostRequestNotSentAgainIsNotRetried() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection stale = lab.connect()) {
            assertEquals(200, stale.get("/test1.jpg?client=gives-up&fault=reset-on-reuse").status());
            stale.send("GET /test2.jpg?client=gives-up HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(End.RST, stale.awaitEnd());
            JsonNode c = summaryOf(lab, "gives-up", 2);
            assertEquals(1, c.get("notRetried").asInt(), c.toString());
            assertEquals(0, c.get("retried").asInt());
        }
    }

    /** The idle time is the behaviour under test here, so the test waits it out. */
    @Test
    void aReuseLaterThanTheAdvertisedKeepAliveTimeoutIsCounted() throws Exception {
        try (TestLab lab = TestLab.start(Map.of("keepAliveTimeout", "1s")); RawConnection connection = lab.connect()) {
            assertEquals("timeout=1", connection.get("/test1.jpg?client=late").header("Keep-Alive").orElseThrow());
            assertEquals(200, connection.get("/test2.jpg?client=late").status());
            Thread.sleep(1300);
            assertEquals(200, connection.get("/test3.jpg?client=late").status());
            JsonNode late = summaryOf(lab, "late", 3);
            assertEquals(2, late.get("reused").asInt());
            assertEquals(1, late.get("reusedAfterKeepAliveTimeout").asInt(), late.toString());
            assertTrue(late.get("maxIdleBeforeReuseMs").asLong() > 1000, "idle longer than the advertised second: " + late);
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
