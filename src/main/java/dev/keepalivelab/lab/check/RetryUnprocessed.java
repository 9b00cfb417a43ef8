package dev.keepalivelab.lab.check;

import dev.keepalivelab.fault.FaultType;
import dev.keepalivelab.fault.GoAwayUnprocessed;
import dev.keepalivelab.fault.RefuseStream;
import dev.keepalivelab.lab.record.RequestRecord;

import java.util.List;

/**
 * {@code refused-stream} and {@code goaway-retry} (HTTP/2): the step's first request is left unprocessed in a way that
 * tells the client so, and the same request sent again is answered. {@code refused-stream}: RST_STREAM with
 * REFUSED_STREAM (RFC 9113 section 8.7), the connection left open; passes where the request comes again, on that
 * connection or a new one. {@code goaway-retry}: GOAWAY (no error) naming the stream below it as the last processed
 * (section 6.8), then the server ends the connection; passes where the request comes again on a new connection, fails
 * where it comes as a new stream on the GOAWAY'd one. Where it never comes again: fail once the client's command has
 * exited; unknown in chain mode, where the client may still be on its way. Not applicable on HTTP/1.x.
 *
 * @param name          the check's name
 * @param fault         what the step's first request gets
 * @param signal        what the client met, as the card names it in each language
 * @param sameConnectionFails whether a request sent again on the first's connection fails
 */
record RetryUnprocessed(String name, FaultType fault, Wording signal, boolean sameConnectionFails) implements ClientCheck {
    static final RetryUnprocessed REFUSED_STREAM = new RetryUnprocessed("refused-stream", new RefuseStream(),
            Wording.of("unprocessed.refused-signal"), false);
    static final RetryUnprocessed GOAWAY_RETRY = new RetryUnprocessed("goaway-retry", new GoAwayUnprocessed(),
            Wording.of("unprocessed.goaway-signal"), true);

    @Override
    public List<Step> steps() {
        return List.of(Step.firstAttempt(fault));
    }

    /** Judged on the step's first request, which met the fault, and those after it, which are answered. */
    @Override
    public Verdict verdict(Evidence evidence) {
        List<RequestRecord> sent = evidence.at(1);
        if (sent.isEmpty()) {
            return Verdict.notRun("never-requested", evidence.path(1));
        }
        RequestRecord first = sent.get(0);
        if (!first.facts().connectionProtocol().isHttp2()) {
            return Verdict.notApplicable("other-protocol", first.facts().protocol(), signal);
        }
        if (first.facts().fault() == null) {
            return Verdict.notApplicable("fault-not-made", fault.name(), first.facts().connectionProtocol().label(), evidence.path(1));
        }
        return judge(evidence);
    }

    @Override
    public Verdict judge(Evidence evidence) {
        List<RequestRecord> sent = evidence.at(1);
        RequestRecord first = sent.get(0);
        String request = first.facts().method() + " " + evidence.path(1);
        if (sent.size() == 1) {
            return evidence.exitStatus() == null
                    ? Verdict.unknown("unprocessed.unseen", request, first.connectionLabel(), signal)
                    : Verdict.fail("unprocessed.gave-up", request, first.connectionLabel(), signal, evidence.exitStatus());
        }
        RequestRecord again = sent.get(1);
        boolean same = again.connectionLabel().equals(first.connectionLabel());
        if (same && sameConnectionFails) {
            return Verdict.fail("unprocessed.same-connection", request, first.connectionLabel(), signal);
        }
        return Verdict.pass("unprocessed.pass", request, first.connectionLabel(), signal, again.connectionLabel(),
                Wording.of(same ? "unprocessed.same" : "unprocessed.new"));
    }
}
