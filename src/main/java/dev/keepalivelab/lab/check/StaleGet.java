package dev.keepalivelab.lab.check;

import dev.keepalivelab.fault.FaultType;
import dev.keepalivelab.lab.record.RequestRecord;

import java.util.List;
import java.util.Optional;

/**
 * {@code stale-get-close} and {@code stale-get-reset}: a response kept alive with an on-reuse fault armed on its
 * connection, so that the next GET on that connection meets a stale pooled connection (closed, or reset, with no
 * response). Passes where the GET comes again once, on a new connection; fails where it never comes again; not
 * applicable where the client did not reuse the connection.
 *
 * @param name    the check's name
 * @param fault   the on-reuse fault, {@code close-on-reuse} or {@code reset-on-reuse}
 */
record StaleGet(String name, FaultType fault) implements ClientCheck {
    @Override
    public List<Step> steps() {
        return List.of(Step.kept(fault), Step.KEPT);
    }

    @Override
    public Verdict judge(Evidence evidence) {
        return reusedOrNot(evidence).orElseGet(() -> {
            String met = evidence.first().connectionLabel();
            String request = "GET " + evidence.path(2);
            Wording meets = Wording.of("meeting." + fault.name());
            List<RequestRecord> again = evidence.sentAgain();
            if (again.isEmpty()) {
                return Verdict.fail("stale-get.fail", request, met, meets);
            }
            Object[] sent = {request, met, meets, times(again.size()), Evidence.labels(again)};
            return again.size() == 1 ? Verdict.pass("stale-get.pass", sent) : Verdict.warning("stale-get.warning", sent);
        });
    }

    /** Not applicable where the request after step 1 did not come on step 1's connection: it never met the stale one. */
    static Optional<Verdict> reusedOrNot(Evidence evidence) {
        String armed = evidence.first().connectionLabel();
        RequestRecord next = evidence.at(2).get(0);
        if (next.connectionLabel().equals(armed)) {
            return Optional.empty();
        }
        return Optional.of(Verdict.notApplicable("not-reused", evidence.notKept().orElse(Wording.of("did-not-reuse", armed)),
                evidence.path(2), next.connectionLabel()));
    }

    /** "once", "twice", "3 times". */
    static Wording times(int n) {
        return n < 3 ? Wording.of("times." + n) : Wording.of("times.n", n);
    }
}
