package dev.keepalivelab.bench;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PercentilesTest {
    @Test
    void nearestRankOfMilliseconds() {
        long[] nanos = LongStream.rangeClosed(1, 200).map(i -> (201 - i) * 1_000_000).toArray();
        assertEquals(new Percentiles(1, 100, 180, 198, 200), Percentiles.ofNanos(nanos));
    }

    @Test
    void oneValueIsEveryPercentile() {
        assertEquals(new Percentiles(2.5, 2.5, 2.5, 2.5, 2.5), Percentiles.ofNanos(new long[] {2_500_000}));
    }
}
