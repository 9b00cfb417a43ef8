package dev.keepalivelab.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * The outcome of a bench run: every client mode, measured in the same run.
 *
 * @param inProcessLab  whether the bench started the lab itself
 * @param warmup        page loads per mode before measuring, not counted
 * @param skippedImages images per page load on other hosts, which the bench did not load
 * @param inlineImages  {@code data:} images per page load, which need no request
 * @param modes         each mode's result, in the order asked for
 * @param notMeasured   modes left out of "every mode" because the target does not support them, with why
 * @param proxyLateness how late the RTT proxy delivered its bytes, when there was one
 */
record BenchResult(URI url, boolean inProcessLab, int rounds, int warmup, int parallel, Duration rtt, int skippedImages,
                   int inlineImages, List<ModeResult> modes, List<String> notMeasured, Optional<DelayProxy.Lateness> proxyLateness) {

    BenchResult {
        modes = List.copyOf(modes);
        notMeasured = List.copyOf(notMeasured);
    }

    Optional<ModeResult> mode(ClientMode mode) {
        return modes.stream().filter(result -> result.mode() == mode).findFirst();
    }

    /**
     * How many times faster keep-alive loads the page than close, at one percentile; empty unless both were measured,
     * each with a page load that completed, and the page has images to compare them by.
     */
    OptionalDouble speedup(ToDoubleFunction<Percentiles> percentile) {
        Optional<ModeResult> keepAlive = mode(ClientMode.KEEP_ALIVE);
        Optional<ModeResult> close = mode(ClientMode.CLOSE);
        return keepAlive.isPresent() && close.isPresent() && keepAlive.get().pageLoads() > 0 && close.get().pageLoads() > 0 && !withoutImages()
                ? OptionalDouble.of(percentile.applyAsDouble(close.get().pageLoadMillis()) / percentile.applyAsDouble(keepAlive.get().pageLoadMillis()))
                : OptionalDouble.empty();
    }

    /** Images per page load, as loaded by the first mode with a page load that completed; 0 if none did. */
    double images() {
        return modes.stream().filter(mode -> mode.pageLoads() > 0).findFirst().map(mode -> mode.requestsPerPageLoad() - 1).orElse(0.0);
    }

    /** Page loads that did not complete, over every mode. */
    int failedLoads() {
        return modes.stream().mapToInt(ModeResult::failedLoads).sum();
    }

    /** Whether the page had no images to load, so that every mode made one request on one connection and the modes cannot differ. */
    boolean withoutImages() {
        return images() == 0;
    }

    /** What the RTT model predicts for a mode's page load, in milliseconds; empty without emulated RTT. */
    OptionalDouble modelMillis(ModeResult mode) {
        if (rtt.isZero()) {
            return OptionalDouble.empty();
        }
        int rtts = RttModel.pageLoadRtts(mode.mode(), (int) Math.round(images()), parallel, mode.tls());
        return OptionalDouble.of(rtts * rtt.toNanos() / 1e6);
    }
}
