package dev.keepalivelab.bench;

import dev.keepalivelab.support.H2Client;
import dev.keepalivelab.support.TestLab;
import org.eclipse.jetty.http2.RetryableStreamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link RetryRule} knows the failures the Jetty version in use gives, taken from Jetty itself, not written by hand. */
class RetryRuleTest {
    private static final int PAGE_REQUESTS = 21;

    /**
     * The lab ends the connection after its first request with a GOAWAY; a stream opened on that session once the
     * GOAWAY has arrived never leaves the client, and a browser sends it again on a new connection.
     */
    @Test
    void aStreamOpenedAfterTheServersGoAwayIsUnsent() throws Exception {
        try (TestLab lab = TestLab.start(Map.of("maxRequestsPerConnection", "1"));
             H2Client h2 = H2Client.priorKnowledge(lab.port())) {
            h2.get("/connections");
            h2.awaitFinalGoAway();
            Throwable failure = assertThrows(ExecutionException.class, () -> h2.get("/connections")).getCause();
            assertTrue(RetryRule.unsent(failure), () -> "Jetty's failure for a stream it never opened: " + failure);
        }
    }

    @Test
    void anIllegalStateOfAnotherKindIsNotSentAgain() {
        assertFalse(RetryRule.unsent(new IllegalStateException("not a closed session")));
        assertFalse(RetryRule.retry(true, null, new IllegalStateException("not a closed session"), 0, OptionalInt.empty(), 1));
    }

    /**
     * A refused stream is sent again while it has been retried fewer times than the limit: once per request of the
     * page load when the connection's GOAWAY named a stream the server processed, {@link RetryRule#MAX_RETRIES}
     * otherwise (no GOAWAY, a graceful notice's 2^31-1, or last stream 0).
     */
    @ParameterizedTest(name = "GOAWAY last stream {0}, retried {1}: {2}")
    @CsvSource({
            "9, 20, true",
            "9, 21, false",
            "none, 2, true",
            "none, 3, false",
            "2147483647, 2, true",
            "2147483647, 3, false",
            "0, 2, true",
            "0, 3, false",
    })
    void aRefusedStreamIsSentAgainUpToItsLimit(String goAwayLastStream, int retried, boolean sentAgain) {
        OptionalInt goAway = goAwayLastStream.equals("none") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(goAwayLastStream));
        assertEquals(sentAgain, RetryRule.retry(true, null, new RetryableStreamException(), retried, goAway, PAGE_REQUESTS));
    }
}
