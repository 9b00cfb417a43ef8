package dev.keepalivelab.checkcmd;

import dev.keepalivelab.lab.check.Verdict.Grade;
import dev.keepalivelab.lab.record.RequestRecord;

import java.util.List;

/**
 * One line of the command's card: a check, its grade and why, and the lab's record of its requests.
 *
 * @param check    the check's name
 * @param grade    the lab's grade, or the command's where the command decides ({@link CommandVerdicts})
 * @param reason   why, in one line
 * @param requests the lab's record of the requests for the check's steps, oldest first; empty where the check was not run
 * @param outcome  how the command ended; null where the check was not run
 */
record CheckLine(String check, Grade grade, String reason, List<RequestRecord> requests, CommandOutcome outcome) {
    CheckLine {
        requests = List.copyOf(requests);
    }

    /** A check the command did not run, and why. */
    static CheckLine notRun(String check, String reason) {
        return new CheckLine(check, Grade.NOT_RUN, reason, List.of(), null);
    }

    /** The same check and record with another grade and reason. */
    CheckLine regraded(Grade newGrade, String newReason) {
        return new CheckLine(check, newGrade, newReason, requests, outcome);
    }

    boolean ran() {
        return outcome != null;
    }

    /** The method the check's steps take: {@code POST} for those that need a body, else {@code GET}. */
    String method() {
        return InProcessLab.POST_CHECKS.contains(check) ? "POST" : "GET";
    }

    /** Whether the command's first request for the check took another method than the check's. */
    boolean wrongMethod() {
        return !requests.isEmpty() && !requests.get(0).facts().method().equals(method());
    }

    /** Whether the check could judge the client: the command ran, made a request, and with the check's method. */
    boolean judged() {
        return ran() && !requests.isEmpty() && !wrongMethod();
    }

    /** The client as the lab saw it: the User-Agents of the check's requests, each once. */
    List<String> userAgents() {
        return requests.stream().map(r -> r.facts().client()).filter(client -> !client.equals(RequestRecord.NO_CLIENT)).distinct().toList();
    }
}
