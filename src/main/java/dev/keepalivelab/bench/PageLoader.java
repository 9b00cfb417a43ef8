package dev.keepalivelab.bench;

import org.eclipse.jetty.client.HttpClient;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Loads a page and then its images the way a browser does on a first visit, under one client mode: a fresh set
 * of connections for each page load, at most {@code parallel} of them open at once (one for h2), every image
 * request sent as soon as the page is parsed. Jetty's HttpClient keeps the connections; a request's tag gives
 * each page load its own connection pool.
 */
final class PageLoader implements AutoCloseable {
    private final ClientMode mode;
    private final long emulatedRttNanos;
    private final ConnectionTracker tracker = new ConnectionTracker();
    private final Optional<ModeTls> tls;
    private final HttpClient client;
    private final Optional<Http2TransportFinishingStreams> http2;
    private final PageFetcher fetcher;

    /**
     * Loads {@code page} under {@code mode}, connecting to {@code connectTo} (the RTT proxy, which emulates
     * {@code emulatedRtt}) instead of the page's host where given.
     */
    PageLoader(URI page, ClientMode mode, int parallel, Optional<InetSocketAddress> connectTo, Duration emulatedRtt, Optional<TlsTrust> trust)
            throws Exception {
        this.mode = mode;
        this.emulatedRttNanos = emulatedRtt.toNanos();
        this.tls = trust.map(t -> ModeTls.of(mode, t, tracker));
        this.client = ModeHttpClient.start(mode, parallel, connectTo, tls, tracker);
        this.http2 = client.getHttpClientTransport() instanceof Http2TransportFinishingStreams transport ? Optional.of(transport) : Optional.empty();
        this.fetcher = new PageFetcher(client, page, mode.connectionPerRequest(), mode.http2(),
                local -> http2.map(transport -> transport.goAwayLastStream(local)).orElse(OptionalInt.empty()));
    }

    /** One page load; a request that failed after its retries fails the load, not the bench. */
    LoadResult load(int round) throws BenchFailure, InterruptedException {
        String tag = "bench " + mode.label() + " " + round;
        tracker.begin();
        http2.ifPresent(Http2TransportFinishingStreams::forgetGoAways);
        if (mode.resumesTls()) {
            tls.orElseThrow().forgetSessions();
        }
        PageFetcher.FetchedPage fetched = null;
        PageFetcher.LoadFailed failed = null;
        boolean allClosed;
        try {
            fetched = fetcher.fetch(tag);
        } catch (PageFetcher.LoadFailed e) {
            failed = e;
        } finally {
            allClosed = ConnectionCloser.closeConnectionsOf(tag, client, tracker);
        }
        return failed == null ? PageLoadTally.of(fetched, tracker, emulatedRttNanos, !allClosed)
                : new FailedLoad(failed.getMessage(), failed.retries(), !allClosed);
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
