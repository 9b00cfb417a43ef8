package dev.keepalivelab.bench;

import java.net.URI;
import java.time.Duration;
import java.util.function.ToDoubleFunction;

/**
 * The outcome of a bench run: both client modes, measured in the same run.
 *
 * @param inProcessLab  whether the bench started the lab itself
 * @param warmup        page loads per mode before measuring, not counted
 * @param skippedImages images per page load on other hosts, which the bench did not load
 * @param inlineImages  {@code data:} images per page load, which need no request
 */
record BenchResult(URI url, boolean inProcessLab, int rounds, int warmup, int parallel, Duration rtt, int skippedImages,
                   int inlineImages, ModeResult keepAlive, ModeResult close) {

    /** How many times faster keep-alive loads the page than close, at one percentile: close's time over keep-alive's. */
    double speedup(ToDoubleFunction<Percentiles> percentile) {
        return percentile.applyAsDouble(close.pageLoadMillis()) / percentile.applyAsDouble(keepAlive.pageLoadMillis());
    }
}
