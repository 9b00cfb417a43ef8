package dev.keepalivelab.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What one client mode measured over all its page loads.
 *
 * @param minConnections the fewest connections one page load used
 * @param maxConnections the most connections one page load used
 * @param protocol       the HTTP version the pages came over
 * @param tls            the TLS version, if over TLS
 * @param tlsHandshakes  full TLS handshakes over all page loads
 * @param tlsResumptions resumed TLS handshakes over all page loads
 * @param unusedConnections connections the client opened but sent no request on, over all page loads; not in connections
 * @param parseNanos     the bench's time parsing pages, over all page loads
 * @param median         the trace of the median page load (by time), which the report draws; empty if none completed
 * @param pageLoads      the page loads that completed, which the times and counts are of
 * @param failedLoads    the page loads that did not complete (a request failed after its retries, if it had any)
 * @param firstFailure   the first failed load's failure, in one line
 * @param retries        requests sent again on a new connection over all page loads, failed ones included ({@link RetryRule})
 * @param closeWaitsTimedOut page loads, failed ones included, whose connections were still open when the bench stopped
 *                       waiting for them to close ({@link ConnectionCloser#CLOSE_WAIT})
 */
record ModeResult(ClientMode mode, int pageLoads, Percentiles pageLoadMillis, long requests, long connections,
                  int minConnections, int maxConnections, String protocol, Optional<String> tls, long tlsHandshakes,
                  long tlsResumptions, long unusedConnections, long parseNanos, PageTrace median, int failedLoads,
                  Optional<String> firstFailure, long retries, long closeWaitsTimedOut) {

    static ModeResult of(ClientMode mode, List<? extends LoadResult> results) {
        List<PageLoad> loads = results.stream().filter(PageLoad.class::isInstance).map(PageLoad.class::cast).toList();
        List<FailedLoad> failed = results.stream().filter(FailedLoad.class::isInstance).map(FailedLoad.class::cast).toList();
        List<PageLoad> byTime = loads.stream().sorted(Comparator.comparingLong(PageLoad::nanos)).toList();
        return new ModeResult(mode, loads.size(),
                Percentiles.ofNanos(loads.stream().mapToLong(PageLoad::nanos).toArray()),
                loads.stream().mapToLong(PageLoad::requests).sum(),
                loads.stream().mapToLong(PageLoad::connections).sum(),
                loads.stream().mapToInt(PageLoad::connections).min().orElse(0),
                loads.stream().mapToInt(PageLoad::connections).max().orElse(0),
                loads.isEmpty() ? (mode.http2() ? "HTTP/2" : "HTTP/1.1") : loads.get(0).protocol(),
                loads.isEmpty() ? Optional.empty() : loads.get(0).tls(),
                loads.stream().mapToLong(PageLoad::tlsHandshakes).sum(),
                loads.stream().mapToLong(PageLoad::tlsResumptions).sum(),
                loads.stream().mapToLong(load -> load.trace().unusedConnections()).sum(),
                loads.stream().mapToLong(PageLoad::parseNanos).sum(),
                byTime.isEmpty() ? new PageTrace(0, List.of()) : byTime.get(Percentiles.medianIndex(byTime.size())).trace(),
                failed.size(),
                failed.stream().map(FailedLoad::message).findFirst(),
                results.stream().mapToLong(LoadResult::retries).sum(),
                results.stream().filter(LoadResult::closeWaitTimedOut).count());
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

    /** The bench's own time inside a page load, on average: parsing the page for its images. */
    double meanParseMillis() {
        return parseNanos / 1e6 / pageLoads;
    }

    double tlsHandshakesPerPageLoad() {
        return (double) tlsHandshakes / pageLoads;
    }

    double tlsResumptionsPerPageLoad() {
        return (double) tlsResumptions / pageLoads;
    }
}
