package dev.keepalivelab.checkcmd;

import dev.keepalivelab.lab.check.Verdict.Grade;

import java.util.List;

/**
 * One line of the command's card: a check, its grade and why.
 *
 * @param check      the check's name
 * @param grade      the lab's grade, or the command's where the command decides ({@link CommandVerdicts})
 * @param reason     why, in one line
 * @param userAgents the client as the lab saw it: the User-Agents of the check's requests, each once; empty for none
 * @param requests   how many requests the check's steps saw; 0 where the check was not run
 * @param outcome    how the command ended; null where the check was not run
 */
record CheckLine(String check, Grade grade, String reason, List<String> userAgents, int requests, CommandOutcome outcome) {
    CheckLine {
        userAgents = List.copyOf(userAgents);
    }

    /** A check the command did not run, and why. */
    static CheckLine notRun(String check, String reason) {
        return new CheckLine(check, Grade.NOT_RUN, reason, List.of(), 0, null);
    }

    boolean ran() {
        return outcome != null;
    }
}
