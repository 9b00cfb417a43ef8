package dev.keepalivelab.lab.check;

import dev.keepalivelab.fault.Truncate;
import dev.keepalivelab.lab.record.RequestRecord;

import java.util.List;

/**
 * {@code truncated}: a response cut short ({@code truncate}: the whole body's {@code Content-Length}, half the body,
 * then the server closes). It ends the chain: its body names the card in its first half, so that a client that shows
 * the body shows where the card is. A client that reports the cut passes and one that takes it as whole fails, where
 * its command's exit status tells (non-zero, or 0); in chain mode the lab cannot tell. A chain of GETs runs it only when
 * named ({@code ?checks=truncated}), since a correct client stops at it. Not applicable on HTTP/2, where the lab does
 * not cut responses.
 */
record Truncated() implements StoppingCheck {
    @Override
    public String name() {
        return "truncated";
    }

    @Override
    public List<Step> steps() {
        return List.of(Step.kept(new Truncate()));
    }

    @Override
    public boolean endsChain() {
        return true;
    }

    @Override
    public Verdict judge(Evidence evidence) {
        RequestRecord cut = evidence.first();
        List<RequestRecord> sent = evidence.at(1);
        int whole = CheckRoutes.stepBody(evidence.run(), this, 1).length;
        Object at = cut.bodyBytes() < 0 ? Wording.of("half") : cut.bodyBytes();
        Wording what = sent.size() < 2 ? Wording.of("truncated.cut", evidence.path(1), at, whole)
                : Wording.of("truncated.cut-sent", evidence.path(1), at, whole, StaleGet.times(sent.size()), Evidence.labels(sent));
        return evidence.stopped(what, "truncated.unreported", "truncated.question");
    }
}
