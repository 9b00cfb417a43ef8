package dev.keepalivelab.bench;

import dev.keepalivelab.text.Durations;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report explains only what its run can draw: the TLS handshake when a mode went over TLS, the SETTINGS wait when
 * one was h2, an emulated round trip when there was one.
 */
class WaterfallReportTest {
    @ParameterizedTest(name = "RTT {0}, {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            50ms | cleartext | keep-alive,close                 | TCP handshake;request sent, waiting;response arriving | the connection's TCP handshake (emulated: one RTT)
            50ms | cleartext | keep-alive,close,h2              | TCP handshake;HTTP/2: waiting for the server's SETTINGS;request sent, waiting;response arriving | the connection's TCP handshake (emulated: one RTT) and, on h2, the wait for the server's SETTINGS
            50ms | TLSv1.3   | keep-alive,close,close-resumed   | TCP handshake;TLS handshake;request sent, waiting;response arriving | the connection's TCP handshake (emulated: one RTT) and its TLS handshake
            50ms | TLSv1.3   | keep-alive,close,h2,close-resumed | TCP handshake;TLS handshake;HTTP/2: waiting for the server's SETTINGS;request sent, waiting;response arriving | the connection's TCP handshake (emulated: one RTT), its TLS handshake and, on h2, the wait for the server's SETTINGS
            0ms  | cleartext | keep-alive,close                 | TCP handshake;request sent, waiting;response arriving | the connection's TCP handshake
            """)
    void theLegendAndTheIntroNameOnlyWhatTheRunsModesHave(String rtt, String transport, String modes, String legend, String shaded) {
        Optional<String> tls = transport.equals("cleartext") ? Optional.empty() : Optional.of(transport);
        String html = WaterfallReport.render(BenchResults.of(1, 6, 20, 0, 0, 120, Durations.parse(rtt, Duration.ZERO), tls,
                Arrays.stream(modes.split(",")).map(ClientMode::byLabel).toArray(ClientMode[]::new)));
        Document page = Jsoup.parse(html);
        assertEquals(List.of(legend.split(";")), page.selectFirst("p.legend").textNodes().stream().map(TextNode::text).toList());
        String intro = page.selectFirst("h1 + p").text();
        assertTrue(intro.endsWith("each request a bar from sent to last byte (lighter until its first byte), " + shaded
                + " shaded. All modes share one time scale."), intro);
        assertEquals(tls.isPresent(), html.contains("TLS"), "a cleartext report says nothing of TLS");
        assertEquals(modes.contains("h2"), html.contains("SETTINGS"), "a report without h2 says nothing of SETTINGS");
    }

    /** A request lost and sent again draws a bar of its own, on the connection that lost it, which the legend names. */
    @Test
    void aLostAttemptIsABarOfItsOwnThatTheLegendNames() {
        PageTrace trace = new PageTrace(10, List.of(
                new PageTrace.Lane(0, 0, Double.NaN, false, List.of(new PageTrace.Bar("/", 0, 1, 2, false), new PageTrace.Bar("/test1.jpg", 3, 4, 4, true))),
                new PageTrace.Lane(4, 4, Double.NaN, false, List.of(new PageTrace.Bar("/test1.jpg", 5, 6, 9, false)))));
        PageLoad load = new PageLoad(10_000_000, 2, 2, 0, 0, "HTTP/2", Optional.empty(), 0, 0, 0, trace, 1, false);
        BenchResult result = new BenchResult(URI.create("http://127.0.0.1:8080/"), false, 1, 0, 6, Duration.ZERO, 0, 0,
                List.of(ModeResult.of(ClientMode.H2, List.of(load))), List.of(), Optional.empty());
        Document page = Jsoup.parse(WaterfallReport.render(result));
        assertEquals(1, page.select("g.request.lost").size());
        assertEquals(3, page.select("g.request").size());
        assertTrue(page.selectFirst("g.request.lost title").text().endsWith("lost and sent again at 4.0 ms"), page.selectFirst("g.request.lost").text());
        assertTrue(page.selectFirst("p.legend").text().endsWith("lost, sent again on a new connection"), page.selectFirst("p.legend").text());
        assertEquals(1, result.modes().get(0).retries());
        assertEquals(2, trace.requests(), "the lost attempt is not a request answered");
    }
}
