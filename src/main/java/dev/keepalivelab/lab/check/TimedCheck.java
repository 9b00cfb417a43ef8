package dev.keepalivelab.lab.check;

import dev.keepalivelab.lab.check.Verdict.Grade;
import dev.keepalivelab.lab.record.RequestRecord;

import java.time.Duration;
import java.util.List;

/**
 * A timed check: step 1's response is kept alive with something the client must heed after an idle wait; the client
 * (the page, or code through {@link CheckRun#visits()}) waits {@link #WAIT} and asks for step 2.
 * <ul>
 * <li>{@code keep-alive-timeout} (HTTP/1.x): the response advertises {@code Keep-Alive: timeout=1} while the lab keeps
 * its connection open 10 s idle. Passes where step 2 comes on a new connection. A client that reuses the connection
 * gets a warning, not a fail: {@code Keep-Alive} is a hint (RFC 9112 does not define it; RFC 2068 section 19.7.1.1
 * did), and a server that closed at the time it advertised would send that client onto a closed connection, which it
 * then must retry ({@code idle-timeout}, {@code stale-get-close} check that).</li>
 * <li>{@code idle-timeout}: the lab closes the connection at an idle timeout of 1 s (Jetty's own idle expiry: FIN on
 * HTTP/1.x, GOAWAY then FIN on HTTP/2), unannounced, as a server closes a pooled connection. Passes where step 2 is
 * answered on a new connection (the client saw the close, or retried once on a new connection); fails where it never
 * reaches the lab: the request was lost (the page and code always send it).</li>
 * </ul>
 * Either is not applicable where step 2 came before the wait, or on a connection already open before it (the client
 * never met what step 1 set up), and unknown while step 2 has not come and the run's pass through the check has not
 * ended: until {@link #WAIT} and {@link Evidence#MARGIN} have passed and the run has made a request since.
 *
 * @param name      the check's name
 * @param hint      the {@code Keep-Alive: timeout} step 1 advertises, or null for the lab's own
 * @param idle      the idle timeout of step 1's connection
 * @param neverCame the grade where step 2 never came
 * @param reused    the grade where step 2 came on step 1's connection
 */
record TimedCheck(String name, Duration hint, Duration idle, Grade neverCame, Grade reused) implements ClientCheck {
    static final TimedCheck KEEP_ALIVE_TIMEOUT = new TimedCheck("keep-alive-timeout", Duration.ofSeconds(1), Duration.ofSeconds(10),
            Grade.NOT_APPLICABLE, Grade.WARNING);
    static final TimedCheck IDLE_TIMEOUT = new TimedCheck("idle-timeout", null, Duration.ofSeconds(1), Grade.FAIL, Grade.NOT_APPLICABLE);
    /** How long the client waits before step 2: past the hint or the idle timeout, with room for the close to reach it. */
    static final Duration WAIT = Duration.ofSeconds(2);

    @Override
    public List<Step> steps() {
        return List.of(Step.keptIdle(hint, idle), Step.KEPT);
    }

    @Override
    public Duration waitBeforeLast() {
        return WAIT;
    }

    /** The least wait after which the client meets what step 1 set up: the hint, else the idle timeout. */
    private Duration atLeast() {
        return hint != null ? hint : idle;
    }

    @Override
    public Verdict judge(Evidence evidence) {
        RequestRecord first = evidence.first();
        if (hint != null && first.facts().connectionProtocol().isHttp2()) {
            return Verdict.notApplicable("other-protocol", first.facts().protocol(), "Keep-Alive: timeout");
        }
        return evidence.unmetWait(atLeast()).orElseGet(() -> {
            Object setUp = hint != null ? first.facts().keepAlive() : idle.toMillis();
            if (evidence.at(2).isEmpty()) {
                return evidence.passEnded() ? Verdict.of(neverCame, name + ".never-came", evidence.path(2), first.connectionLabel(), "", 0, setUp)
                        : Verdict.unknown("timed.pending", evidence.path(2), WAIT.toMillis(), Evidence.MARGIN.toMillis());
            }
            RequestRecord next = evidence.at(2).get(0);
            Object[] seen = {evidence.path(2), first.connectionLabel(), next.connectionLabel(), evidence.waitedMillis(), setUp};
            if (next.connectionLabel().equals(first.connectionLabel())) {
                return Verdict.of(reused, name + ".reused", seen);
            }
            return next.requestOnConnection() == 1 ? Verdict.pass(name + ".pass", seen) : Verdict.notApplicable("timed.other", seen);
        });
    }
}
