package dev.keepalivelab.lab.check;

import dev.keepalivelab.lab.record.RequestRecord;

import java.time.Duration;
import java.util.List;

/**
 * {@code keep-alive-timeout} (timed, HTTP/1.x): a response kept alive that advertises {@code Keep-Alive: timeout=1}
 * while the lab keeps its connection open far longer ({@link #HELD} idle); the client waits {@link #WAIT}, past the
 * hint, and asks for step 2. Passes where step 2 comes on a new connection. A client that reuses the connection gets a
 * warning, not a fail: {@code Keep-Alive} is a hint (RFC 9112 does not define it; RFC 2068 section 19.7.1.1 did), and a
 * server that closed at the time it advertised would send that client onto a closed connection, which it then must
 * retry ({@code idle-timeout}, {@code stale-get-close} check that).
 */
record KeepAliveTimeout() implements ClientCheck {
    /** The idle time the response advertises. */
    static final Duration HINT = Duration.ofSeconds(1);
    /** How long the lab keeps the connection open idle, whatever it advertised. */
    static final Duration HELD = Duration.ofSeconds(10);
    /** How long the client waits before step 2: past the hint, well within what the lab holds. */
    static final Duration WAIT = Duration.ofSeconds(2);

    @Override
    public String name() {
        return "keep-alive-timeout";
    }

    @Override
    public List<Step> steps() {
        return List.of(Step.keptIdle(HINT, HELD), Step.KEPT);
    }

    @Override
    public Duration waitBeforeLast() {
        return WAIT;
    }

    @Override
    public Verdict judge(Evidence evidence) {
        RequestRecord first = evidence.first();
        if (first.facts().connectionProtocol().isHttp2()) {
            return Verdict.notApplicable("other-protocol", first.facts().protocol(), "Keep-Alive: timeout");
        }
        return evidence.unmetWait(HINT).orElseGet(() -> {
            if (evidence.at(2).isEmpty()) {
                return Verdict.notApplicable("timed.never-came", evidence.path(2));
            }
            RequestRecord next = evidence.at(2).get(0);
            long waited = evidence.waitedMillis();
            if (next.connectionLabel().equals(first.connectionLabel())) {
                return Verdict.warning("keep-alive-timeout.warning", first.connectionLabel(), waited, first.facts().keepAlive());
            }
            if (next.requestOnConnection() == 1) {
                return Verdict.pass("keep-alive-timeout.pass", next.connectionLabel(), waited, first.connectionLabel(),
                        first.facts().keepAlive());
            }
            return Verdict.notApplicable("keep-alive-timeout.other", evidence.path(2), next.connectionLabel(), first.connectionLabel());
        });
    }
}
