package dev.keepalivelab.lab.check;

import dev.keepalivelab.lab.record.RequestRecord;

import java.time.Duration;
import java.util.List;

/**
 * {@code idle-timeout} (timed): a response kept alive whose connection the lab then closes at an idle timeout of
 * {@link #IDLE} (Jetty's own idle expiry: FIN on HTTP/1.x, GOAWAY then FIN on HTTP/2), unannounced, as a server closes a
 * pooled connection; the client waits {@link #WAIT} and asks for step 2. Passes where step 2 is answered, on a new
 * connection (the client saw the close, or retried once on a new connection); fails where it never reaches the lab:
 * the request was lost. The lab cannot tell a lost request from one never sent: the page and code always send it.
 */
record IdleTimeout() implements ClientCheck {
    /** The connection's idle timeout after step 1's response. */
    static final Duration IDLE = Duration.ofSeconds(1);
    /** How long the client waits before step 2: past the idle timeout, with room for the close to reach it. */
    static final Duration WAIT = Duration.ofSeconds(2);

    @Override
    public String name() {
        return "idle-timeout";
    }

    @Override
    public List<Step> steps() {
        return List.of(Step.keptIdle(null, IDLE), Step.KEPT);
    }

    @Override
    public Duration waitBeforeLast() {
        return WAIT;
    }

    @Override
    public Verdict judge(Evidence evidence) {
        RequestRecord first = evidence.first();
        return evidence.unmetWait(IDLE).orElseGet(() -> {
            if (evidence.at(2).isEmpty()) {
                return Verdict.fail("idle-timeout.lost", evidence.path(2), first.connectionLabel(), IDLE.toMillis());
            }
            RequestRecord next = evidence.at(2).get(0);
            if (next.connectionLabel().equals(first.connectionLabel())) {
                return Verdict.notApplicable("idle-timeout.open", first.connectionLabel(), evidence.waitedMillis(), IDLE.toMillis());
            }
            return Verdict.pass("idle-timeout.pass", evidence.path(2), next.connectionLabel(), evidence.waitedMillis(),
                    first.connectionLabel(), IDLE.toMillis());
        });
    }
}
