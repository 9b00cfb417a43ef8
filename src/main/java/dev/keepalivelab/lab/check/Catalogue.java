package dev.keepalivelab.lab.check;

import dev.keepalivelab.fault.CloseOnReuse;
import dev.keepalivelab.fault.ResetOnReuse;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every check the card lists, in chain order: those a correct client goes past first, those it stops at last. */
final class Catalogue {
    /** The checks the lab runs, in the order a chain takes them. */
    static final List<ClientCheck> RUNNABLE = List.of(new Reuse(), CloseAnnounced.CLOSE_HONOURED, CloseAnnounced.GOAWAY,
            new StaleGet("stale-get-close", new CloseOnReuse(), "close (FIN)"),
            new StaleGet("stale-get-reset", new ResetOnReuse(), "reset (RST)"),
            new StalePost(), new Truncated());

    /** A check the card lists but the chain does not run, and why. */
    record Unrun(String name, String reason) {
    }

    static final List<Unrun> UNRUN = List.of(
            new Unrun("refused-stream", "an HTTP/2 REFUSED_STREAM retried on a new connection: the lab does not refuse streams yet"),
            new Unrun("goaway-retry", "the streams a GOAWAY left unprocessed retried on a new connection: needs concurrent"
                    + " streams, which a chain of redirects does not make"),
            new Unrun("keep-alive-timeout", "an idle connection not reused past its Keep-Alive: timeout: timed, it needs a"
                    + " client that waits; the page and the Java API run it"),
            new Unrun("idle-timeout", "a pooled connection the server closed at its idle timeout: timed, it needs a client that"
                    + " waits; the page and the Java API run it"));

    static final String ALLOWED = RUNNABLE.stream().map(ClientCheck::name).collect(Collectors.joining(", "));

    private Catalogue() {
    }

    static Optional<ClientCheck> byName(String name) {
        return RUNNABLE.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * The checks a chain of GETs ({@code post} false) or of POSTs runs when none are named: a chain of GETs leaves out
     * those a correct client stops at, so that it reaches the card; a chain of POSTs is stale-post's alone.
     */
    static List<ClientCheck> chain(boolean post) {
        return RUNNABLE.stream().filter(c -> c.post() == post && (post || !c.correctClientStops())).toList();
    }

    /** The names of {@code checks}, e.g. {@code reuse, goaway}. */
    static String names(List<ClientCheck> checks) {
        return checks.stream().map(ClientCheck::name).collect(Collectors.joining(", "));
    }
}
