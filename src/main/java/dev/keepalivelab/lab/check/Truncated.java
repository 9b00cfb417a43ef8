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
record Truncated() implements ClientCheck {
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
    public boolean correctClientStops() {
        return true;
    }

    @Override
    public Verdict judge(Evidence evidence) {
        RequestRecord cut = evidence.first();
        List<RequestRecord> sent = evidence.at(1);
        String what = "the client got " + evidence.path(1) + " cut at " + (cut.bodyBytes() < 0 ? "half" : cut.bodyBytes())
                + " of " + CheckRoutes.stepBody(evidence.run(), this, 1).length + " bytes" + (sent.size() < 2 ? ""
                : " (it sent the request " + StaleGet.times(sent.size()) + ", on " + Evidence.labels(sent) + ")");
        return evidence.stopped(what, "it took the cut body as whole", "did it report the cut?");
    }
}
