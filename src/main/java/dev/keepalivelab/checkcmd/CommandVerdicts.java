package dev.keepalivelab.checkcmd;

import dev.keepalivelab.lab.check.Verdict.Grade;

/**
 * What the command itself decides of a check, over the lab's verdict: a command that outran its time fails, whatever
 * the lab saw before it was killed; one that made no request to the lab fails, as a client that never fetched the URL
 * cannot pass a check of what it does there.
 */
final class CommandVerdicts {
    static final String NO_REQUEST = "the command made no request to the lab";

    private CommandVerdicts() {
    }

    static CheckLine judge(CheckLine lab) {
        if (lab.outcome() instanceof CommandOutcome.TimedOut timedOut) {
            return new CheckLine(lab.check(), Grade.FAIL, timedOut.describe() + "; the lab saw " + lab.requests()
                    + (lab.requests() == 1 ? " request" : " requests"), lab.userAgents(), lab.requests(), lab.outcome());
        }
        if (lab.requests() == 0) {
            return new CheckLine(lab.check(), Grade.FAIL, NO_REQUEST + " (" + lab.outcome().describe() + ")", lab.userAgents(), 0,
                    lab.outcome());
        }
        return lab;
    }
}
