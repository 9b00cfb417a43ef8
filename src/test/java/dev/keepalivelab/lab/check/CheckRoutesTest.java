package dev.keepalivelab.lab.check;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the routes decide without a socket: which {@code Accept} gets the HTML card, and what a run keeps of its POSTs. */
class CheckRoutesTest {
    @ParameterizedTest(name = "{0} -> html {1}")
    @CsvSource(delimiter = '|', value = {
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8 | true",
            "application/json | false",
            "text/html;q=0 | false",
            "text/html;q=0, application/json | false",
            "text/html;q=0.5, application/json | false",
            "application/json;q=0.1, text/html | true",
            "text/html; q=0.9 , application/json;q=0.9 | true",
            "text/html;level=1 | true",
            "text/plain | false"})
    void prefersHtmlHonoursQValues(String accept, boolean html) {
        assertEquals(html, CheckRoutes.prefersHtml(accept));
    }

    @Test
    void aRunKeepsABoundedNumberOfBodySizesPerStep() {
        CheckRun run = new CheckRun("r1", List.of(new StalePost()), "test", Instant.now());
        for (int i = 0; i < 10_000; i++) {
            run.bodyArrived("/check/r1/stale-post/2", 11);
        }
        assertTrue(run.bodyBytes("/check/r1/stale-post/2").size() <= CheckRun.MAX_BODIES, "bounded under repeated POSTs");
    }
}
