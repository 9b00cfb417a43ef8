package dev.keepalivelab.bench;

import org.eclipse.jetty.http.HttpVersion;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a fetched page's timed requests beside what the tracker saw of the client's connections: which connection
 * carried which request, how many TLS handshakes were full or resumed, and the trace a network panel would draw.
 */
final class PageLoadTally {
    private PageLoadTally() {
    }

    /**
     * The page load, with each connection's emulated TCP handshake drawn {@code emulatedRttNanos} long;
     * {@code closeWaitTimedOut} says whether its connections outlasted the bench's wait for them to close.
     */
    static PageLoad of(PageFetcher.FetchedPage fetched, ConnectionTracker tracker, long emulatedRttNanos, boolean closeWaitTimedOut) {
        long start = fetched.start();
        List<TimedRequest> requests = fetched.requests();
        Map<SocketAddress, List<PageTrace.Bar>> carried = new LinkedHashMap<>();
        // A lost attempt that never had a connection drew nothing on the wire.
        List<TimedRequest> attempts = new ArrayList<>(fetched.lost().stream().filter(lost -> lost.connection() != null).toList());
        attempts.addAll(requests);
        for (TimedRequest timed : attempts) {
            carried.computeIfAbsent(timed.connection(), address -> new ArrayList<>()).add(bar(timed, start));
        }
        Map<SocketAddress, ConnectionTracker.Opened> opened = tracker.opened();
        List<PageTrace.Lane> lanes = new ArrayList<>();
        int full = 0;
        int resumed = 0;
        Optional<String> pageTls = Optional.empty();
        SocketAddress pageConnection = requests.get(0).connection();
        for (Map.Entry<SocketAddress, ConnectionTracker.Opened> connection : opened.entrySet()) {
            Optional<ConnectionTracker.Handshake> handshake = tracker.handshakeOf(connection.getValue());
            if (handshake.isPresent() && carried.containsKey(connection.getKey())) {
                if (handshake.get().full()) {
                    full++;
                } else {
                    resumed++;
                }
                if (connection.getKey().equals(pageConnection)) {
                    pageTls = Optional.of(handshake.get().protocol());
                }
            }
            double openedMillis = millis(connection.getValue().openedNanos() - start);
            lanes.add(new PageTrace.Lane(openedMillis, openedMillis + millis(emulatedRttNanos),
                    handshake.map(h -> millis(h.doneNanos() - start)).orElse(Double.NaN),
                    handshake.map(h -> !h.full()).orElse(false),
                    carried.getOrDefault(connection.getKey(), List.of())));
        }
        lanes.sort(Comparator.comparingDouble(PageTrace.Lane::openedMillis));
        ImageLinks links = fetched.links();
        return new PageLoad(fetched.nanos(), requests.size(), carried.size(), links.skipped(), links.inline(), protocol(fetched.version()),
                pageTls, full, resumed, fetched.parseNanos(), new PageTrace(millis(fetched.nanos()), List.copyOf(lanes)), fetched.retries(),
                closeWaitTimedOut);
    }

    private static PageTrace.Bar bar(TimedRequest timed, long start) {
        return new PageTrace.Bar(timed.path(), millis(timed.sent() - start), millis(timed.firstByte() - start), millis(timed.lastByte() - start), timed.isLost());
    }

    private static String protocol(HttpVersion version) {
        return version == HttpVersion.HTTP_2 ? "HTTP/2" : version.asString();
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
