package dev.keepalivelab.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultTableTest {
    static BenchResult result(int rounds, int parallel, int images, int skipped, int inline) {
        return BenchResults.of(rounds, parallel, images, skipped, inline, 10, Optional.empty(), ClientMode.KEEP_ALIVE, ClientMode.CLOSE);
    }

    @ParameterizedTest(name = "{0} rounds, {1} connections, {2} images, {3} on other hosts, {4} inline")
    @CsvSource(delimiter = '|', textBlock = """
            200 | 6 | 20 | 0 | 0 | 200 page loads per client mode, each the page and its 20 images, at most 6 connections at once, no emulated RTT
            1   | 1 | 1  | 0 | 0 | 1 page load per client mode, each the page and its 1 image, at most 1 connection at once, no emulated RTT
            2   | 6 | 0  | 0 | 0 | 2 page loads per client mode, each the page and no images, at most 6 connections at once, no emulated RTT
            2   | 6 | 1  | 1 | 0 | 2 page loads per client mode, each the page and its 1 image (1 more image on another host, not loaded), at most 6 connections at once, no emulated RTT
            2   | 6 | 3  | 2 | 0 | 2 page loads per client mode, each the page and its 3 images (2 more images on other hosts, not loaded), at most 6 connections at once, no emulated RTT
            2   | 6 | 3  | 0 | 1 | 2 page loads per client mode, each the page and its 3 images (1 inline data: image, which needs no request), at most 6 connections at once, no emulated RTT
            2   | 6 | 3  | 2 | 4 | 2 page loads per client mode, each the page and its 3 images (2 more images on other hosts, not loaded; 4 inline data: images, which need no request), at most 6 connections at once, no emulated RTT
            """)
    void theSummaryLineCountsInTheRightNumber(int rounds, int parallel, int images, int skipped, int inline, String expected) {
        assertEquals(expected, ResultTable.render(result(rounds, parallel, images, skipped, inline)).lines().toList().get(1));
    }

    @ParameterizedTest(name = "{0} on other hosts, {1} inline")
    @CsvSource({"0, 0", "2, 3"})
    void theJsonCountsImagesOnOtherHostsAndInlineImagesApart(int skipped, int inline) {
        String json = ResultJson.render(result(2, 6, 3, skipped, inline));
        assertTrue(json.contains(",\"skippedImages\":" + skipped + ",\"inlineImages\":" + inline + ","), json);
    }

    /**
     * Without images every mode makes one request on one connection: the table says so instead of a speedup, and the JSON's
     * speedup is null. The expected footnote writes its line breaks as {@code \n}.
     */
    @ParameterizedTest(name = "{0} images")
    @CsvSource(delimiter = '|', textBlock = """
            3 | true  | Page-load times run from the page request to the last image's last byte; speedup is close's time over keep-alive's.
            0 | false | Page-load times run from the page request to its last byte.\\nThe page has no images to load, so every mode makes one request on one connection: the modes cannot differ, and there is no speedup.
            """)
    void aPageWithoutImagesHasNoSpeedupAndTheTableSaysWhy(int images, boolean speedup, String footnote) {
        BenchResult result = result(2, 6, images, 0, 0);
        List<String> lines = ResultTable.render(result).lines().toList();
        assertEquals(speedup, lines.stream().anyMatch(line -> line.startsWith("speedup ")), String.join("\n", lines));
        int footnoteStart = lines.indexOf(lines.stream().filter(line -> line.startsWith("Page-load times")).findFirst().orElseThrow());
        int footnoteEnd = lines.indexOf(lines.stream().filter(line -> line.startsWith("The bench's own work")).findFirst().orElseThrow());
        assertEquals(List.of(footnote.split("\\\\n")), lines.subList(footnoteStart, footnoteEnd), String.join("\n", lines));
        assertEquals(!speedup, ResultJson.render(result).contains(",\"speedup\":null"), ResultJson.render(result));
    }
}
