package dev.keepalivelab.lab.check;

import dev.keepalivelab.lab.check.Verdict.Grade;
import dev.keepalivelab.lab.record.LabHistory;
import dev.keepalivelab.lab.record.RequestRecord;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A run's report card: for every check the lab knows, its verdict and the requests of the lab's record it judged (those
 * of its steps, oldest first), so that the card and {@code /connections} agree line by line.
 *
 * @param run     the run
 * @param results one per check, in chain order
 */
public record Card(CheckRun run, List<Result> results) {
    /**
     * One check's line on the card.
     *
     * @param check    the check's name
     * @param verdict  its verdict
     * @param requests the requests of its steps it judged (the run's first pass), as the lab's record has them, oldest first
     */
    public record Result(String check, Verdict verdict, List<RequestRecord> requests) {
    }

    /**
     * @param snapshot  the record's requests of the run: its steps and its card's reads
     * @param forgotten whether the record no longer holds every request since the run started
     */
    static Card of(CheckRun run, LabHistory.Snapshot snapshot, boolean forgotten) {
        List<Result> results = new ArrayList<>();
        for (ClientCheck check : Catalogue.RUNNABLE) {
            if (run.checkList().contains(check)) {
                Evidence evidence = new Evidence(run, check, snapshot.requests(), run.exitStatus());
                Verdict verdict = forgotten && evidence.at(1).isEmpty() ? Verdict.unknown("forgotten", evidence.path(1))
                        : check.verdict(evidence);
                results.add(new Result(check.name(), verdict, evidence.judged()));
            } else {
                results.add(new Result(check.name(), whyNotIn(run, check), List.of()));
            }
        }
        return new Card(run, List.copyOf(results));
    }

    private static Verdict whyNotIn(CheckRun run, ClientCheck check) {
        if (check.post() != run.post()) {
            return Verdict.notRun(check.post() ? "needs-post" : "needs-get", ClientChecks.START);
        }
        if (check.timed()) {
            return Verdict.notRun("timed", ClientChecks.START);
        }
        return Verdict.notRun("not-asked", String.join(",", run.checks()));
    }

    /** Whether any check failed: the {@code check} command's exit status 1. */
    public boolean failed() {
        return results.stream().anyMatch(r -> r.verdict().grade() == Grade.FAIL);
    }

    /** How many checks got each grade. */
    public Map<Grade, Integer> counts() {
        Map<Grade, Integer> counts = new EnumMap<>(Grade.class);
        for (Grade grade : Grade.values()) {
            counts.put(grade, 0);
        }
        results.forEach(r -> counts.merge(r.verdict().grade(), 1, Integer::sum));
        return counts;
    }

    /** The protocol of the run's first request the record has ({@code http/1.1}, {@code h2}, ...), or null before any. */
    public String protocol() {
        return results.stream().flatMap(r -> r.requests().stream()).min(java.util.Comparator.comparingLong(RequestRecord::id))
                .map(r -> r.facts().connectionProtocol().label()).orElse(null);
    }
}
