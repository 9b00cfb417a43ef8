package dev.keepalivelab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keepalivelab.support.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Headless Chromium (Debian's chromium and chromium-driver) opens a bench report written by a real run over TLS with
 * emulated RTT, from a file with no network behind it, and must render, for each mode, a lane per connection the run
 * counted, a visible bar per request and, on every lane, the emulated TCP handshake.
 */
class BenchReportIT {
    static final int REQUESTS_PER_PAGE_LOAD = 21;

    /** Per mode: lanes, lanes that carried requests, rendered request bars, and bars with no width on screen. */
    static final String RENDERED = """
            const modes = {};
            for (const section of document.querySelectorAll('section.mode')) {
              const lanes = [...section.querySelectorAll('g.lane')];
              const bars = [...section.querySelectorAll('g.request')];
              modes[section.dataset.mode] = {
                lanes: lanes.length,
                usedLanes: lanes.filter(lane => lane.querySelector('g.request')).length,
                bars: bars.length,
                invisibleBars: bars.filter(bar => bar.getBoundingClientRect().width <= 0).length,
                tcp: section.querySelectorAll('rect.tcp').length
              };
            }
            return JSON.stringify(modes);
            """;

    /** The axis labels drawn, and those whose box is not wholly inside their SVG's box (its border left out). */
    static final String TICKS = """
            const ticks = [];
            const outside = [];
            for (const svg of document.querySelectorAll('svg')) {
              const box = svg.getBoundingClientRect();
              const style = getComputedStyle(svg);
              const inner = {left: box.left + parseFloat(style.borderLeftWidth), right: box.right - parseFloat(style.borderRightWidth),
                             top: box.top + parseFloat(style.borderTopWidth), bottom: box.bottom - parseFloat(style.borderBottomWidth)};
              for (const tick of svg.querySelectorAll('text.tick')) {
                const text = tick.getBoundingClientRect();
                ticks.push(tick.textContent);
                if (text.left < inner.left || text.right > inner.right || text.top < inner.top || text.bottom > inner.bottom) {
                  outside.push(`${tick.textContent}: ${text.left}-${text.right} x ${text.top}-${text.bottom} in ${inner.left}-${inner.right} x ${inner.top}-${inner.bottom}`);
                }
              }
            }
            return JSON.stringify({ticks, outside});
            """;

    @Test
    void chromiumRendersALanePerConnectionAndABarPerRequestForEveryMode(@TempDir Path directory) throws Exception {
        Path report = directory.resolve("report.html");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = BenchCommand.run(new String[] {"--tls", "--rtt", "10ms", "--rounds", "1", "--warmup", "0", "--json",
                "--report", report.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, exit, err::toString);
        JsonNode modes = BenchCommandTest.JSON.readTree(out.toString()).get("modes");

        try (HeadlessChromium browser = HeadlessChromium.start(directory.resolve("profile"))) {
            browser.driver().get(report.toUri().toString());
            JsonNode rendered = BenchCommandTest.JSON.readTree((String) browser.script(RENDERED));
            browser.screenshot("bench-report");
            assertEveryTickInsideItsSvg(browser, "the run's report");
            assertEquals(List.of("keep-alive", "close", "h2", "close-resumed"), BenchCommandTest.fieldNames(rendered));
            for (Map.Entry<String, JsonNode> mode : (Iterable<Map.Entry<String, JsonNode>>) rendered::fields) {
                JsonNode counted = modes.get(mode.getKey());
                JsonNode drawn = mode.getValue();
                assertEquals(counted.get("connections").asInt(), drawn.get("usedLanes").asInt(), mode.getKey() + ": " + drawn);
                assertEquals(counted.get("connections").asInt() + counted.get("unusedConnections").asInt(), drawn.get("lanes").asInt(),
                        mode.getKey() + ": " + drawn);
                assertEquals(REQUESTS_PER_PAGE_LOAD, drawn.get("bars").asInt(), mode.getKey() + ": " + drawn);
                assertEquals(0, drawn.get("invisibleBars").asInt(), mode.getKey() + ": " + drawn);
                assertEquals(drawn.get("lanes").asInt(), drawn.get("tcp").asInt(), mode.getKey() + ": every lane shows its emulated TCP handshake");
            }
            assertTrue(modes.get("h2").get("connections").asInt() == 1 && modes.get("close").get("connections").asInt() == REQUESTS_PER_PAGE_LOAD,
                    modes.toString());
        }
    }

    /**
     * The last tick sits at the chart's right end when the slowest mode's median is a whole number of ticks (500 ms here),
     * where a label that starts at its tick runs past the SVG; the short, long and fractional labels of three scales.
     */
    @Test
    void chromiumDrawsEveryAxisLabelInsideItsSvg(@TempDir Path directory) throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start(directory.resolve("profile"))) {
            for (double scaleMillis : new double[] {500, 20000, 0.5}) {
                Path report = directory.resolve("report-" + scaleMillis + ".html");
                Files.writeString(report, WaterfallReport.render(BenchResults.of(scaleMillis, 20, Optional.empty(), ClientMode.KEEP_ALIVE)));
                browser.driver().get(report.toUri().toString());
                assertEveryTickInsideItsSvg(browser, "a slowest median of " + scaleMillis + " ms");
            }
        }
    }

    static void assertEveryTickInsideItsSvg(HeadlessChromium browser, String report) throws Exception {
        JsonNode ticks = BenchCommandTest.JSON.readTree((String) browser.script(TICKS));
        assertTrue(ticks.get("ticks").size() >= 5, report + ": an axis with its ticks: " + ticks);
        assertEquals(0, ticks.get("outside").size(), report + ": tick labels outside their SVG: " + ticks);
    }
}
