package dev.keepalivelab.lab.check;

import dev.keepalivelab.fault.CloseOnReuse;
import dev.keepalivelab.fault.ResetOnReuse;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every check the card lists, in chain order: those a correct client goes past first, those it stops at last. */
final class Catalogue {
    /**
     * The checks the lab runs, in the order a chain takes them; the timed ones last, outside any chain: their client waits
     * between their steps, which a redirect cannot make it do.
     */
    static final List<ClientCheck> RUNNABLE = List.of(new Reuse(), CloseAnnounced.CLOSE_HONOURED, CloseAnnounced.GOAWAY,
            RetryUnprocessed.REFUSED_STREAM, RetryUnprocessed.GOAWAY_RETRY, new StaleGet("stale-get-close", new CloseOnReuse()), new StaleGet("stale-get-reset", new ResetOnReuse()),
            new StalePost(), new Truncated(), TimedCheck.KEEP_ALIVE_TIMEOUT, TimedCheck.IDLE_TIMEOUT);

    static final String ALLOWED = RUNNABLE.stream().map(ClientCheck::name).collect(Collectors.joining(", "));

    private Catalogue() {
    }

    static Optional<ClientCheck> byName(String name) {
        return RUNNABLE.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * The checks a chain of GETs ({@code post} false) or of POSTs runs when none are named: a chain of GETs leaves out
     * those a correct client stops at, so that it reaches the card; a chain of POSTs is stale-post's alone. Neither runs
     * the timed checks.
     */
    static List<ClientCheck> chain(boolean post) {
        return RUNNABLE.stream().filter(c -> c.post() == post && !c.timed() && (post || !c.correctClientStops())).toList();
    }

    /** The names of {@code checks}, e.g. {@code reuse, goaway}. */
    static String names(List<ClientCheck> checks) {
        return checks.stream().map(ClientCheck::name).collect(Collectors.joining(", "));
    }
}
