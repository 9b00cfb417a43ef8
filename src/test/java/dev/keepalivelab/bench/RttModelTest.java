package dev.keepalivelab.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The round-trip model's predictions for the lab's page, worked out by hand in docs/bench.md. */
class RttModelTest {
    @ParameterizedTest(name = "{0} over {1}, {2} images, {3} connections: {4} RTT, at least {5}")
    @CsvSource(textBlock = """
            keep-alive,    none,    20, 6, 7,  6
            close,         none,    20, 6, 10, 10
            h2,            none,    20, 6, 4,  4
            keep-alive,    TLSv1.3, 20, 6, 8,  7
            close,         TLSv1.3, 20, 6, 15, 15
            h2,            TLSv1.3, 20, 6, 5,  5
            close-resumed, TLSv1.3, 20, 6, 15, 15
            keep-alive,    TLSv1.2, 20, 6, 10, 8
            close,         TLSv1.2, 20, 6, 20, 20
            close-resumed, TLSv1.2, 20, 6, 16, 16
            keep-alive,    none,    20, 1, 22, 22
            close,         none,    20, 1, 42, 42
            keep-alive,    none,    0,  6, 2,  2
            h2,            TLSv1.3, 0,  6, 4,  4
            keep-alive,    none,    1,  6, 3,  3
            """)
    void predictsTheLabsPage(String mode, String tls, int images, int parallel, int predicted, int lowerBound) {
        Optional<String> version = tls.equals("none") ? Optional.empty() : Optional.of(tls);
        ClientMode clientMode = ClientMode.byLabel(mode);
        assertEquals(predicted, RttModel.pageLoadRtts(clientMode, images, parallel, version));
        assertEquals(lowerBound, RttModel.lowerBoundRtts(clientMode, images, parallel, version));
        assertTrue(lowerBound <= predicted, "a bound above the prediction");
    }
}
