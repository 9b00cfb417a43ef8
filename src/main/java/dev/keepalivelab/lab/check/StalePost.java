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
record StalePost() implements StoppingCheck {
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
    public Verdict judge(Evidence evidence) {
        String request = "POST " + evidence.path(2);
        if (evidence.at(2).isEmpty()) {
            return Verdict.notApplicable("stale-post.not-followed", evidence.path(1));
        }
        if (!evidence.at(2).get(0).facts().method().equals("POST")) {
            return Verdict.notApplicable("stale-post.method-changed", evidence.path(1), evidence.at(2).get(0).facts().method());
        }
        Optional<Verdict> notReused = StaleGet.reusedOrNot(evidence);
        if (notReused.isPresent()) {
            return notReused.get();
        }
        String met = evidence.first().connectionLabel();
        List<RequestRecord> again = evidence.sentAgain();
        if (!again.isEmpty()) {
            return Verdict.warning("stale-post.warning", request, StaleGet.times(again.size() + 1), bodies(evidence.bodyBytes(2)),
                    met, Evidence.labels(again));
        }
        return evidence.stopped(Wording.of("stale-post.stopped", request, met), "stale-post.unreported", "stale-post.question");
    }

    /** "11 bytes each", or "11 and 0 bytes". */
    private static Wording bodies(List<Long> sizes) {
        List<Long> known = sizes.stream().filter(size -> size >= 0).toList();
        if (known.isEmpty()) {
            return Wording.of("bodies.unread");
        }
        if (known.size() == sizes.size() && known.stream().distinct().count() == 1) {
            return Wording.of("bodies.each", known.get(0));
        }
        List<String> each = sizes.stream().map(s -> s < 0 ? "?" : Long.toString(s)).toList();
        return each.size() == 2 ? Wording.of("bodies.two", each.get(0), each.get(1)) : Wording.of("bodies.sizes", String.join(", ", each));
    }
}
