package dev.keepalivelab.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs the page loads of every client mode, round by round, so that all of them see the same machine at the same time. */
final class Benchmark {
    private Benchmark() {
    }

    /**
     * The page loaders of one run: per mode, one that connects directly (for the warm-up) and one through the RTT
     * proxy (the same one when there is no proxy), in the order the modes were asked for.
     */
    record Loaders(Map<ClientMode, PageLoader> direct, Map<ClientMode, PageLoader> measured) {
        List<ClientMode> modes() {
            return List.copyOf(measured.keySet());
        }
    }

    static BenchResult run(Loaders loaders, BenchConfig config, BenchTarget target, List<String> notMeasured, DelayProxy proxy,
                           ProgressBar progress) throws BenchFailure, InterruptedException {
        Map<ClientMode, List<LoadResult>> loads = new LinkedHashMap<>();
        loaders.modes().forEach(mode -> loads.put(mode, new ArrayList<>()));
        int skipped = 0;
        int inline = 0;
        for (int round = -config.warmup(); round < config.rounds(); round++) {
            for (ClientMode mode : order(loaders.modes(), round)) {
                LoadResult load = (round < 0 ? loaders.direct() : loaders.measured()).get(mode).load(round);
                if (round >= 0) {
                    loads.get(mode).add(load);
                    if (load instanceof PageLoad measured) {
                        skipped = Math.max(skipped, measured.skippedImages());
                        inline = Math.max(inline, measured.inlineImages());
                    }
                }
                progress.advance(round < 0 ? mode.label() + ", warming up" : mode.label());
            }
        }
        List<ModeResult> modes = loads.entrySet().stream().map(entry -> ModeResult.of(entry.getKey(), entry.getValue())).toList();
        return new BenchResult(target.url(), target.inProcessLab(), config.rounds(), config.warmup(), config.parallel(), config.rtt(),
                skipped, inline, modes, notMeasured, Optional.ofNullable(proxy).map(DelayProxy::lateness));
    }

    /** Rotates which mode goes first, round by round, so that none gains from another warming the JIT, caches or the server. */
    static List<ClientMode> order(List<ClientMode> modes, int round) {
        List<ClientMode> order = new ArrayList<>(modes);
        Collections.rotate(order, -Math.floorMod(round, modes.size()));
        return order;
    }
}
