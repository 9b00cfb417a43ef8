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
            return Verdict.pass("the second request came on " + first.connectionLabel() + ", the first's connection, kept alive");
        }
        Optional<String> notKept = evidence.notKept();
        if (notKept.isPresent()) {
            return Verdict.notApplicable(notKept.get() + ", so there was nothing to reuse");
        }
        return Verdict.fail("the second request came on " + second.connectionLabel() + ", a new connection, though "
                + first.connectionLabel() + " was kept alive after the first");
    }
}
