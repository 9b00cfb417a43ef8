package dev.keepalivelab.lab.check;

import dev.keepalivelab.fault.CloseOnReuse;
import dev.keepalivelab.lab.record.RequestRecord;

import java.util.List;
import java.util.Optional;

/**
 * {@code stale-post}: a POST with a body, reached through 307s, answered with its connection kept alive and
 * {@code close-on-reuse} armed on it, so that the next POST on that connection meets a stale connection. RFC 9110
 * section 9.2.2: a client must not resend a non-idempotent request on its own; one that does gets a warning naming the
 * duplicate body. One that stops passes where its command reports the error (a non-zero exit status); in chain mode the
 * lab cannot see whether it did.
 */
record StalePost() implements ClientCheck {
    @Override
    public String name() {
        return "stale-post";
    }

    @Override
    public List<Step> steps() {
        return List.of(Step.kept(new CloseOnReuse()), Step.KEPT);
    }

    @Override
    public boolean post() {
        return true;
    }

    @Override
    public boolean correctClientStops() {
        return true;
    }

    @Override
    public Verdict judge(Evidence evidence) {
        String request = "POST " + evidence.path(2);
        if (evidence.at(2).isEmpty()) {
            return Verdict.notApplicable("the client did not follow the 307 from " + evidence.path(1) + " with its body");
        }
        if (!evidence.at(2).get(0).facts().method().equals("POST")) {
            return Verdict.notApplicable("the client followed the 307 from " + evidence.path(1) + " with "
                    + evidence.at(2).get(0).facts().method() + ", not POST (RFC 9110 section 15.4.8 keeps the method)");
        }
        Optional<Verdict> notReused = StaleGet.reusedOrNot(evidence);
        if (notReused.isPresent()) {
            return notReused.get();
        }
        String met = evidence.first().connectionLabel();
        List<RequestRecord> again = evidence.sentAgain();
        if (!again.isEmpty()) {
            return Verdict.warning(request + " sent " + StaleGet.times(again.size() + 1) + ", " + bodies(evidence.bodyBytes(2))
                    + ": on " + met + ", which closed unanswered, then on " + Evidence.labels(again)
                    + " (RFC 9110 section 9.2.2: a POST is not resent without knowing it is safe)");
        }
        return evidence.stopped("the client did not resend " + request + " after " + met + " closed on it unanswered",
                "the lost POST went unreported", "did it report the error?");
    }

    /** "11 bytes each", or "11 and 0 bytes". */
    private static String bodies(List<Long> sizes) {
        List<Long> known = sizes.stream().filter(size -> size >= 0).toList();
        if (known.isEmpty()) {
            return "bodies of a size the lab did not read";
        }
        if (known.size() == sizes.size() && known.stream().distinct().count() == 1) {
            return known.get(0) + " bytes each";
        }
        return String.join(" and ", sizes.stream().map(s -> s < 0 ? "?" : Long.toString(s)).toList()) + " bytes";
    }
}
