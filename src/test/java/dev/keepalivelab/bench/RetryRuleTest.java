package dev.keepalivelab.bench;

import dev.keepalivelab.support.H2Client;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link RetryRule} knows the failures the Jetty version in use gives, taken from Jetty itself, not written by hand. */
class RetryRuleTest {

    /**
     * The lab ends the connection after its first request with a GOAWAY; a stream opened on that session once the
     * GOAWAY has arrived never leaves the client, and a browser sends it again on a new connection.
     */
    @Test
    void aStreamOpenedAfterTheServersGoAwayIsSentAgain() throws Exception {
        try (TestLab lab = TestLab.start(Map.of("maxRequestsPerConnection", "1"));
             H2Client h2 = H2Client.priorKnowledge(lab.port())) {
            h2.get("/connections");
            h2.awaitFinalGoAway();
            Throwable failure = assertThrows(ExecutionException.class, () -> h2.get("/connections")).getCause();
            assertTrue(RetryRule.retry(true, null, failure, 0, OptionalInt.empty(), 1), () -> "Jetty's failure for a stream it never opened: " + failure);
        }
    }

    @Test
    void anIllegalStateOfAnotherKindIsNotSentAgain() {
        assertFalse(RetryRule.retry(true, null, new IllegalStateException("not a closed session"), 0, OptionalInt.empty(), 1));
    }
}
