package dev.keepalivelab.bench;

import java.util.List;

/**
 * What one client mode measured over all its page loads.
 *
 * @param minConnections the fewest connections one page load used
 * @param maxConnections the most connections one page load used
 */
record ModeResult(ClientMode mode, int pageLoads, Percentiles pageLoadMillis, long requests, long connections,
                  int minConnections, int maxConnections) {

    static ModeResult of(ClientMode mode, List<PageLoader.PageLoad> loads) {
        return new ModeResult(mode, loads.size(),
                Percentiles.ofNanos(loads.stream().mapToLong(PageLoader.PageLoad::nanos).toArray()),
                loads.stream().mapToLong(PageLoader.PageLoad::requests).sum(),
                loads.stream().mapToLong(PageLoader.PageLoad::connections).sum(),
                loads.stream().mapToInt(PageLoader.PageLoad::connections).min().orElse(0),
                loads.stream().mapToInt(PageLoader.PageLoad::connections).max().orElse(0));
    }

    double connectionsPerPageLoad() {
        return (double) connections / pageLoads;
    }

    double requestsPerPageLoad() {
        return (double) requests / pageLoads;
    }

    double requestsPerConnection() {
        return (double) requests / connections;
    }
}
