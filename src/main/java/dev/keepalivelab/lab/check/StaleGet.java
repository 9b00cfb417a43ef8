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
 * @param meeting what the client met, e.g. {@code close (FIN)}
 */
record StaleGet(String name, FaultType fault, String meeting) implements ClientCheck {
    @Override
    public List<Step> steps() {
        return List.of(Step.kept(fault), Step.KEPT);
    }

    @Override
    public Verdict judge(Evidence evidence) {
        return reusedOrNot(evidence).orElseGet(() -> {
            String met = evidence.first().connectionLabel();
            String request = "GET " + evidence.path(2);
            List<RequestRecord> again = evidence.sentAgain();
            if (again.isEmpty()) {
                return Verdict.fail(request + " met " + met + "'s " + meeting + " and was never sent again");
            }
            String sent = request + " met " + met + "'s " + meeting + " and came again " + times(again.size()) + ", on "
                    + Evidence.labels(again);
            return again.size() == 1 ? Verdict.pass(sent) : Verdict.warning(sent + ": one retry is enough");
        });
    }

    /** Not applicable where the request after step 1 did not come on step 1's connection: it never met the stale one. */
    static Optional<Verdict> reusedOrNot(Evidence evidence) {
        String armed = evidence.first().connectionLabel();
        RequestRecord next = evidence.at(2).get(0);
        if (next.connectionLabel().equals(armed)) {
            return Optional.empty();
        }
        return Optional.of(Verdict.notApplicable(evidence.notKept().orElse("the client did not reuse " + armed)
                + ", so it never met the stale connection: " + evidence.path(2) + " came on " + next.connectionLabel()));
    }

    static String times(int n) {
        return n == 1 ? "once" : n == 2 ? "twice" : n + " times";
    }
}
