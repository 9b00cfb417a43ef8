package dev.keepalivelab.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code bench} measures and how.
 *
 * @param url      the page to load; empty starts an in-process lab
 * @param tls      the in-process lab serves HTTPS (only without a url)
 * @param insecure accept the target's certificate unchecked
 * @param modes    the client modes asked for, in order; empty means every mode the target supports
 * @param rounds   page loads per client mode
 * @param warmup   page loads per client mode before measuring, not counted
 * @param parallel most connections open to the host at once
 * @param rtt      emulated round-trip time; zero connects directly
 * @param report   where to write the HTML waterfall, if anywhere
 * @param json     print JSON instead of a table
 */
record BenchConfig(Optional<URI> url, boolean tls, boolean insecure, List<ClientMode> modes, int rounds, int warmup, int parallel,
                   Duration rtt, Optional<Path> report, boolean json) {

    BenchConfig {
        modes = List.copyOf(modes);
    }

    /** Whether the page is loaded over HTTPS. */
    boolean overTls() {
        return overTls(tls, url);
    }

    static boolean overTls(boolean tls, Optional<URI> url) {
        return tls || url.map(u -> u.getScheme().equals("https")).orElse(false);
    }
}
