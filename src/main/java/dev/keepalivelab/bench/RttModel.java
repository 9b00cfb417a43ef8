package dev.keepalivelab.bench;

import java.util.Optional;
import java.util.PriorityQueue;

/**
 * What the {@code --rtt} proxy's model predicts a page load costs, in round trips, with nothing else counted
 * (no CPU, bandwidth, slow start or loss). A request on an open connection costs 1 RTT; a new connection first
 * pays 1 for TCP's handshake and, over TLS 1.3, 1 more for TLS's, full or resumed (TLS 1.2: 2 full, 1 resumed).
 * The images are requested once the page has arrived. Jetty's HTTP/2 client sends its first request only once the
 * server's SETTINGS frame has arrived, one round trip after the handshakes (a browser sends it at once).
 */
final class RttModel {
    /** The round trip Jetty's HTTP/2 client waits for the server's preface before its first request. */
    static final int HTTP2_PREFACE_RTTS = 1;

    private RttModel() {
    }

    /** Round trips before a new connection can carry its first request. */
    static int setupRtts(Optional<String> tls, boolean resumed) {
        if (tls.isEmpty()) {
            return 1;
        }
        boolean tls12 = tls.get().equals("TLSv1.2");
        return 1 + (tls12 && !resumed ? 2 : 1);
    }

    /**
     * The predicted page-load time in round trips. Keep-alive follows Jetty's client: the page's connection takes an
     * image at once, a new connection is opened for each queued image up to {@code parallel}, and each image goes to
     * the connection that is free first.
     */
    static int pageLoadRtts(ClientMode mode, int images, int parallel, Optional<String> tls) {
        int page = setupRtts(tls, false) + 1;
        if (images == 0) {
            return mode.http2() ? HTTP2_PREFACE_RTTS + page : page;
        }
        return switch (mode) {
            case H2 -> HTTP2_PREFACE_RTTS + page + 1;
            case CLOSE, CLOSE_RESUMED -> page + waves(images, parallel) * (setupRtts(tls, mode.resumesTls()) + 1);
            case KEEP_ALIVE -> keepAlive(page, images, parallel, setupRtts(tls, false));
        };
    }

    /** The lower bound the tests hold a measured page load to: the page, then the busiest connection's images. */
    static int lowerBoundRtts(ClientMode mode, int images, int parallel, Optional<String> tls) {
        int page = setupRtts(tls, false) + 1;
        return switch (mode) {
            case H2 -> HTTP2_PREFACE_RTTS + page + (images == 0 ? 0 : 1);
            case CLOSE, CLOSE_RESUMED -> page + waves(images, parallel) * (setupRtts(tls, mode.resumesTls()) + 1);
            case KEEP_ALIVE -> page + waves(images, parallel);
        };
    }

    private static int waves(int images, int parallel) {
        return (images + parallel - 1) / parallel;
    }

    private static int keepAlive(int pageDone, int images, int parallel, int setup) {
        PriorityQueue<Integer> freeAt = new PriorityQueue<>();
        freeAt.add(pageDone);
        for (int i = 0; i < Math.min(parallel - 1, images - 1); i++) {
            freeAt.add(pageDone + setup);
        }
        int last = pageDone;
        for (int image = 0; image < images; image++) {
            int done = freeAt.poll() + 1;
            freeAt.add(done);
            last = Math.max(last, done);
        }
        return last;
    }
}
