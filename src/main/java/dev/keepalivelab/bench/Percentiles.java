package dev.keepalivelab.bench;

import java.util.Arrays;

/** Page-load times in milliseconds: nearest-rank percentiles of the measured page loads; NaN when none completed. */
record Percentiles(double min, double p50, double p90, double p99, double max) {

    static Percentiles ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return new Percentiles(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(millis(sorted[0]), millis(rank(sorted, 50)), millis(rank(sorted, 90)), millis(rank(sorted, 99)),
                millis(sorted[sorted.length - 1]));
    }

    /** The smallest value that at least {@code percent} % of the values do not exceed. */
    private static long rank(long[] sorted, int percent) {
        return sorted[rankIndex(sorted.length, percent)];
    }

    private static int rankIndex(int count, int percent) {
        return Math.max(0, (int) Math.ceil(percent / 100.0 * count) - 1);
    }

    /** Where the p50 of {@code count} sorted values is. */
    static int medianIndex(int count) {
        return rankIndex(count, 50);
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
