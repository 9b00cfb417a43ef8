package dev.keepalivelab.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code bench} measures and how.
 *
 * @param url      the page to load; empty starts an in-process lab
 * @param rounds   page loads per client mode
 * @param warmup   page loads per client mode before measuring, not counted
 * @param parallel most connections open to the host at once
 * @param rtt      emulated round-trip time; zero connects directly
 * @param json     print JSON instead of a table
 */
record BenchConfig(Optional<URI> url, int rounds, int warmup, int parallel, Duration rtt, boolean json) {
}
