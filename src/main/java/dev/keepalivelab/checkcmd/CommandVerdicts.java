package dev.keepalivelab.checkcmd;

import dev.keepalivelab.lab.check.Verdict.Grade;
import dev.keepalivelab.lab.record.RequestRecord;

/**
 * What the command itself decides of a check, over the lab's verdict: a command that outran its time fails, whatever
 * the lab saw before it was killed; one that made no request to the lab fails, as a client that never fetched the URL
 * cannot pass a check of what it does there; one that took the wrong method (a GET on stale-post, a POST on a GET
 * check) is not judged, and is told which method the check needs.
 */
final class CommandVerdicts {
    static final String NO_REQUEST = "the command made no request to the lab";

    private CommandVerdicts() {
    }

    static CheckLine judge(CheckLine lab) {
        int requests = lab.requests().size();
        if (lab.outcome() instanceof CommandOutcome.TimedOut timedOut) {
            return lab.regraded(Grade.FAIL, timedOut.describe() + "; the lab saw " + requests + (requests == 1 ? " request" : " requests"));
        }
        if (requests == 0) {
            return lab.regraded(Grade.FAIL, NO_REQUEST + " (" + lab.outcome().describe() + ")");
        }
        if (lab.wrongMethod()) {
            RequestRecord first = lab.requests().get(0);
            return lab.regraded(Grade.NOT_APPLICABLE, "not applicable: the command sent " + first.facts().method() + " " + first.facts().path()
                    + ", and " + lab.check() + " needs " + (lab.method().equals("POST")
                    ? "a POST with a body: e.g. check " + CheckOption.CHECKS.flag() + " " + lab.check() + " -- " + CheckCommand.POST_EXAMPLE
                    : "a GET: e.g. check -- " + CheckCommand.EXAMPLE));
        }
        return lab;
    }
}
