package dev.keepalivelab.lab.check;

import dev.keepalivelab.lab.record.RequestRecord;

import java.util.List;
import java.util.Optional;

/**
 * {@code reuse}: two sequential requests, the first answered with its connection kept alive. Passes where the second
 * comes on the first's connection; fails where it comes on a new one.
 */
record Reuse() implements ClientCheck {
    @Override
    public String name() {
        return "reuse";
    }

    @Override
    public List<Step> steps() {
        return List.of(Step.KEPT, Step.KEPT);
    }

    @Override
    public Verdict judge(Evidence evidence) {
        RequestRecord first = evidence.first();
        RequestRecord second = evidence.at(2).get(0);
        if (second.connectionLabel().equals(first.connectionLabel())) {
            return Verdict.pass("reuse.pass", first.connectionLabel());
        }
        Optional<Wording> notKept = evidence.notKept();
        if (notKept.isPresent()) {
            return Verdict.notApplicable("reuse.not-kept", notKept.get());
        }
        return Verdict.fail("reuse.fail", second.connectionLabel(), first.connectionLabel());
    }
}
