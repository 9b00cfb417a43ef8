package dev.keepalivelab.lab.check;

import dev.keepalivelab.lab.record.RequestRecord;

import java.util.List;
import java.util.Optional;

/**
 * What the lab's record says a client did on one check of a run: the requests for each of its steps, oldest first, the
 * body sizes of the POSTs the run saw, and the exit status of the command that made them, where one is known.
 *
 * @param run        the run
 * @param check      the check
 * @param requests   the records of the requests for the check's steps, oldest first
 * @param exitStatus the exit status of the client's command ({@code check} subcommand), or null in chain mode
 */
public record Evidence(CheckRun run, ClientCheck check, List<RequestRecord> requests, Integer exitStatus) {
    /** The step's path, e.g. {@code /check/r1/reuse/2}. */
    String path(int step) {
        return run.stepPath(check, step);
    }

    /** The requests for step {@code step}, oldest first. */
    List<RequestRecord> at(int step) {
        String path = path(step);
        return requests.stream().filter(r -> r.facts().path().equals(path)).toList();
    }

    /** The body sizes of the requests for step {@code step}, in order of arrival (-1 where unknown). */
    List<Long> bodyBytes(int step) {
        return run.bodyBytes(path(step));
    }

    /**
     * The verdict where the client never met step 1's response as the check means it: it never asked for step 1 (not
     * run), the lab could not make the step's fault or close here, or it did not follow the redirect to step 2 (not
     * applicable); empty where the check can judge.
     */
    Optional<Verdict> unmet() {
        List<RequestRecord> first = at(1);
        if (first.isEmpty()) {
            return Optional.of(Verdict.notRun("the client never requested " + path(1)));
        }
        RequestRecord made = first.get(first.size() - 1);
        Step step = check.steps().get(0);
        if (step.fault() != null && made.facts().fault() == null) {
            return Optional.of(Verdict.notApplicable("the lab cannot make " + step.fault().name() + " on "
                    + made.facts().connectionProtocol().label() + " here, so " + path(1) + " went without it"));
        }
        if (at(2).isEmpty() && !check.correctClientStops()) {
            return Optional.of(Verdict.notApplicable("the client did not follow the redirect from " + path(1)));
        }
        return Optional.empty();
    }

    /** The last request for step 1: the response whose connection behaviour the client met. */
    RequestRecord first() {
        List<RequestRecord> first = at(1);
        return first.get(first.size() - 1);
    }

    /** The requests for step 2 after the first, on connections other than the first's: its retries. */
    List<RequestRecord> sentAgain() {
        List<RequestRecord> second = at(2);
        String met = second.get(0).connectionLabel();
        return second.subList(1, second.size()).stream().filter(r -> !r.connectionLabel().equals(met)).toList();
    }

    /** "c4" or "c4, c5": the connections of {@code requests}. */
    static String labels(List<RequestRecord> requests) {
        return String.join(", ", requests.stream().map(RequestRecord::connectionLabel).toList());
    }

    /** Where the connection of step 1 was not kept: why, e.g. " (closed/max-requests)"; else empty. */
    Optional<String> notKept() {
        RequestRecord first = first();
        return first.closed() ? Optional.of(first.connectionLabel() + " closed after " + path(1) + " (" + first.describe() + ")")
                : Optional.empty();
    }

    /**
     * The verdict on a client that stopped where a correct client stops ({@code what} says where): its command's exit
     * status decides (non-zero passes; 0 fails, {@code unreported} saying what went unreported); in chain mode the lab
     * cannot tell, and asks {@code question}.
     */
    Verdict stopped(String what, String unreported, String question) {
        if (exitStatus == null) {
            return Verdict.unknown(what + ": " + question + " The lab cannot see; the check command judges by the exit status");
        }
        return exitStatus != 0 ? Verdict.pass(what + ", and its command exited with status " + exitStatus)
                : Verdict.fail(what + ", but its command exited 0: " + unreported);
    }

    /**
     * The verdict of a check whose step 1 announced its connection's end ({@code announcement}, e.g. {@code Connection:
     * close}): passes where the next request came on a new connection.
     */
    Verdict nextOnNewConnection(String announcement) {
        RequestRecord first = first();
        if (!first.closed()) {
            return Verdict.notApplicable("the lab did not end " + first.connectionLabel() + " after " + path(1) + " ("
                    + first.describe() + "): this server cannot send " + announcement + " here");
        }
        RequestRecord next = at(2).get(0);
        if (next.connectionLabel().equals(first.connectionLabel())) {
            return Verdict.fail("the next request came on " + first.connectionLabel() + ", after its " + announcement);
        }
        return Verdict.pass("the next request came on " + next.connectionLabel() + ", a new connection, after "
                + first.connectionLabel() + "'s " + announcement);
    }
}
