package dev.keepalivelab.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Runs the page loads of both client modes, round by round, so that both see the same machine at the same time. */
final class Benchmark {
    private Benchmark() {
    }

    /** Warms up through {@code direct}, which connects without the RTT proxy, then measures through {@code measured}. */
    static BenchResult run(PageLoader direct, PageLoader measured, BenchConfig config, URI url, boolean inProcessLab,
                           ProgressBar progress) throws BenchFailure, InterruptedException {
        Map<ClientMode, List<PageLoader.PageLoad>> loads = new EnumMap<>(ClientMode.class);
        int skipped = 0;
        int inline = 0;
        for (int round = -config.warmup(); round < config.rounds(); round++) {
            for (ClientMode mode : order(round)) {
                PageLoader.PageLoad load = (round < 0 ? direct : measured).load(mode, round);
                if (round >= 0) {
                    loads.computeIfAbsent(mode, m -> new ArrayList<>()).add(load);
                    skipped = Math.max(skipped, load.skippedImages());
                    inline = Math.max(inline, load.inlineImages());
                }
                progress.advance(round < 0 ? mode.label() + ", warming up" : mode.label());
            }
        }
        return new BenchResult(url, inProcessLab, config.rounds(), config.warmup(), config.parallel(), config.rtt(), skipped, inline,
                ModeResult.of(ClientMode.KEEP_ALIVE, loads.get(ClientMode.KEEP_ALIVE)),
                ModeResult.of(ClientMode.CLOSE, loads.get(ClientMode.CLOSE)));
    }

    /** Alternates which mode goes first, so that neither gains from the other warming the JIT, caches or the server. */
    private static List<ClientMode> order(int round) {
        return Math.floorMod(round, 2) == 0
                ? List.of(ClientMode.KEEP_ALIVE, ClientMode.CLOSE)
                : List.of(ClientMode.CLOSE, ClientMode.KEEP_ALIVE);
    }
}
