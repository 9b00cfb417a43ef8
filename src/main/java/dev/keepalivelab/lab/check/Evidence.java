package dev.keepalivelab.lab.check;

import dev.keepalivelab.lab.record.RequestRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the lab's record says a client did on one check of a run, on the run's first pass through it: the requests for
 * each of its steps, the body sizes of the POSTs the run saw, and the exit status of the command that made them, where
 * one is known. The first pass begins at the first request for step 1 and ends at the run's first request for anything
 * else (another check's step, or its card; for a timed check, one made after its wait and {@link #MARGIN}); each
 * request for step 2 is paired with the request for step 1 it followed. A request after the pass (a reload, the back
 * button, a stranger with the run's id) never changes a verdict; one for another part of the run made between a
 * check's steps (its card read in another tab) ends that check's pass early, and the card then says what it saw.
 *
 * @param run        the run
 * @param check      the check
 * @param requests   the records of the run's requests (its steps and card reads), oldest first
 * @param exitStatus the exit status of the client's command ({@code check} subcommand), or null in chain mode
 */
public record Evidence(CheckRun run, ClientCheck check, List<RequestRecord> requests, Integer exitStatus) {
    /** How long past a timed check's wait its step 2 may still come, before a later request of the run ends its pass. */
    static final Duration MARGIN = Duration.ofSeconds(1);

    /** The step's path, e.g. {@code /check/r1/reuse/2}. */
    String path(int step) {
        return run.stepPath(check, step);
    }

    /** Which of the check's steps {@code request} asked for; 0 for another path. */
    private int stepOf(RequestRecord request) {
        for (int step = 1; step <= check.steps().size(); step++) {
            if (request.facts().path().equals(path(step))) {
                return step;
            }
        }
        return 0;
    }

    /** The first request for step 1, which begins the pass; empty where there is none. */
    private Optional<RequestRecord> begins() {
        return requests.stream().filter(r -> stepOf(r) == 1).findFirst();
    }

    /** The id of the request that ended the pass (see the class), or {@link Long#MAX_VALUE} while none has. */
    private long passEnd() {
        Optional<RequestRecord> begins = begins();
        if (begins.isEmpty()) {
            return Long.MAX_VALUE;
        }
        Instant due = check.timed() ? answered(begins.get()).plus(check.waitBeforeLast()).plus(MARGIN) : Instant.MIN;
        return requests.stream().filter(r -> r.id() > begins.get().id() && stepOf(r) == 0 && !r.time().isBefore(due))
                .mapToLong(RequestRecord::id).min().orElse(Long.MAX_VALUE);
    }

    /** Whether the run has gone past this check: a request of the run ended its pass. */
    boolean passEnded() {
        return passEnd() != Long.MAX_VALUE;
    }

    /**
     * The requests for step {@code step} on the pass, oldest first: for step 1, those before the first request for step
     * 2; for step 2, that first and the requests for it after it.
     */
    List<RequestRecord> at(int step) {
        Optional<RequestRecord> begins = begins();
        if (begins.isEmpty()) {
            return List.of();
        }
        long end = passEnd();
        List<RequestRecord> pass = requests.stream().filter(r -> r.id() >= begins.get().id() && r.id() < end).toList();
        long second = pass.stream().filter(r -> stepOf(r) == 2).mapToLong(RequestRecord::id).min().orElse(end);
        return pass.stream().filter(r -> stepOf(r) == step && (step == 1 ? r.id() < second : r.id() >= second)).toList();
    }

    /** The requests the card lists for the check: those of its pass, oldest first. */
    List<RequestRecord> judged() {
        List<RequestRecord> judged = new java.util.ArrayList<>();
        for (int step = 1; step <= check.steps().size(); step++) {
            judged.addAll(at(step));
        }
        judged.sort(java.util.Comparator.comparingLong(RequestRecord::id));
        return List.copyOf(judged);
    }

    private static Instant answered(RequestRecord request) {
        return request.finished() != null ? request.finished() : request.time();
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
            return Optional.of(Verdict.notRun("never-requested", path(1)));
        }
        RequestRecord made = first.get(first.size() - 1);
        Step step = check.steps().get(0);
        if (step.fault() != null && made.facts().fault() == null) {
            return Optional.of(Verdict.notApplicable("fault-not-made", step.fault().name(), made.facts().connectionProtocol().label(),
                    path(1)));
        }
        if (at(2).isEmpty() && !check.correctClientStops() && !check.timed()) {
            return Optional.of(Verdict.notApplicable("not-followed", path(1)));
        }
        return Optional.empty();
    }

    /** The last request for step 1 on the pass: the response whose connection behaviour the client met before step 2. */
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

    /** How long the client left its connection idle between step 1's response and its first request for step 2. */
    long waitedMillis() {
        return Math.max(0, Duration.between(answered(first()), at(2).get(0).time()).toMillis());
    }

    /**
     * The verdict of a timed check where the client did not meet what it tests: the lab did not keep step 1's connection,
     * the client never asked for step 2, or it came back before {@code atLeast}; empty where the check can judge.
     */
    Optional<Verdict> unmetWait(Duration atLeast) {
        Optional<Wording> notKept = notKept();
        if (notKept.isPresent()) {
            return Optional.of(Verdict.notApplicable("timed.not-kept", notKept.get()));
        }
        if (at(2).isEmpty()) {
            return Optional.empty();
        }
        long waited = waitedMillis();
        return waited < atLeast.toMillis() ? Optional.of(Verdict.notApplicable("timed.early", path(2), waited, atLeast.toMillis()))
                : Optional.empty();
    }

    /** "c4" or "c4, c5": the connections of {@code requests}. */
    static String labels(List<RequestRecord> requests) {
        return String.join(", ", requests.stream().map(RequestRecord::connectionLabel).toList());
    }

    /** Where the connection of step 1 was not kept: why, e.g. "c3 closed after /check/r1/reuse/1 (closed/max-requests)"; else empty. */
    Optional<Wording> notKept() {
        RequestRecord first = first();
        return first.closed() ? Optional.of(Wording.of("not-kept", first.connectionLabel(), path(1), first.describe())) : Optional.empty();
    }

    /**
     * The verdict on a client that stopped where a correct client stops ({@code what} says where): its command's exit
     * status decides (non-zero passes; 0 fails, {@code unreported} saying what went unreported); in chain mode the lab
     * cannot tell, and asks {@code question} (both keys of the catalogue).
     */
    Verdict stopped(Wording what, String unreported, String question) {
        if (exitStatus == null) {
            return Verdict.unknown("stopped.unknown", what, Wording.of(question));
        }
        return exitStatus != 0 ? Verdict.pass("stopped.reported", what, exitStatus)
                : Verdict.fail("stopped.unreported", what, Wording.of(unreported));
    }

    /**
     * The verdict of a check whose step 1 announced its connection's end ({@code announcement}, e.g. {@code Connection:
     * close}): passes where the next request came on a new connection.
     */
    Verdict nextOnNewConnection(String announcement) {
        RequestRecord first = first();
        if (!first.closed()) {
            return Verdict.notApplicable("not-ended", first.connectionLabel(), path(1), first.describe(), announcement);
        }
        RequestRecord next = at(2).get(0);
        if (next.connectionLabel().equals(first.connectionLabel())) {
            return Verdict.fail("announced.fail", first.connectionLabel(), announcement);
        }
        return Verdict.pass("announced.pass", next.connectionLabel(), first.connectionLabel(), announcement);
    }
}
