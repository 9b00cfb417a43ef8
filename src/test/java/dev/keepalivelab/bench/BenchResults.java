package dev.keepalivelab.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** Bench results made up for the table, JSON and report tests, built from page loads as a run builds them. */
final class BenchResults {
    static final long MILLISECOND = 1_000_000;

    private BenchResults() {
    }

    /** Each mode's {@code rounds} page loads all take {@code millis} and carry the page and its {@code images} over one connection. */
    static BenchResult of(int rounds, int parallel, int images, int skipped, int inline, double millis, Optional<String> tls, ClientMode... modes) {
        return of(rounds, parallel, images, skipped, inline, millis, Duration.ZERO, tls, modes);
    }

    /** As above, measured through an emulated round trip of {@code rtt}. */
    static BenchResult of(int rounds, int parallel, int images, int skipped, int inline, double millis, Duration rtt,
                          Optional<String> tls, ClientMode... modes) {
        PageTrace trace = new PageTrace(millis, List.of());
        List<ModeResult> measured = Arrays.stream(modes).map(mode -> ModeResult.of(mode, IntStream.range(0, rounds)
                .mapToObj(i -> new PageLoad((long) (millis * MILLISECOND), 1 + images, 1, skipped, inline,
                        mode.http2() ? "HTTP/2" : "HTTP/1.1", tls, 0, 0, 0, trace, 0, false))
                .toList())).toList();
        return new BenchResult(URI.create((tls.isPresent() ? "https" : "http") + "://127.0.0.1:8080/"), false, rounds, 0, parallel, rtt,
                skipped, inline, measured, List.of(), rtt.isZero() ? Optional.empty() : Optional.of(new DelayProxy.Lateness(1, 0, 0)));
    }

    /** One page load of each mode, taking {@code millis}. */
    static BenchResult of(double millis, int images, Optional<String> tls, ClientMode... modes) {
        return of(1, 6, images, 0, 0, millis, tls, modes);
    }
}
