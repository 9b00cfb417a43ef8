package dev.keepalivelab.lab.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of checks for one client: its id, the checks in chain order, the client as it named itself, and what the
 * lab's record cannot hold: the body size of each POST step it saw and the exit status of the client's command.
 */
public final class CheckRun {
    private final String id;
    private final List<ClientCheck> checks;
    private final String client;
    private final Instant started;
    private final Map<String, List<Long>> bodyBytes = new HashMap<>();
    private Integer exitStatus;

    CheckRun(String id, List<ClientCheck> checks, String client, Instant started) {
        this.id = id;
        this.checks = List.copyOf(checks);
        this.client = client;
        this.started = started;
    }

    /** The run's id, e.g. {@code r3}. */
    public String id() {
        return id;
    }

    /** The client as the run's first request named it: its {@code ?client=} tag, else its User-Agent. */
    public String client() {
        return client;
    }

    public Instant started() {
        return started;
    }

    /** The names of the run's checks, in chain order. */
    public List<String> checks() {
        return checks.stream().map(ClientCheck::name).toList();
    }

    List<ClientCheck> checkList() {
        return checks;
    }

    /** Whether the run's steps are POSTs with a body (reached through 307s) rather than GETs. */
    public boolean post() {
        return checks.get(0).post();
    }

    /** The method of every step: {@code GET} or {@code POST}. */
    public String method() {
        return post() ? "POST" : "GET";
    }

    /** Where the run's card is: {@code /check/r3}. */
    public String cardPath() {
        return ClientChecks.START + "/" + id;
    }

    /** The path of the run's first step, where its chain starts. */
    public String firstPath() {
        return stepPath(checks.get(0), 1);
    }

    String stepPath(ClientCheck check, int step) {
        return cardPath() + "/" + check.name() + "/" + step;
    }

    /** Where step {@code step} of {@code check} leads: the check's next step, the next check's first, or the card. */
    String next(ClientCheck check, int step) {
        if (step < check.steps().size()) {
            return stepPath(check, step + 1);
        }
        int index = checks.indexOf(check);
        return index + 1 < checks.size() ? stepPath(checks.get(index + 1), 1) : cardPath();
    }

    synchronized void bodyArrived(String path, long bytes) {
        bodyBytes.computeIfAbsent(path, p -> new ArrayList<>()).add(bytes);
    }

    synchronized List<Long> bodyBytes(String path) {
        return List.copyOf(bodyBytes.getOrDefault(path, List.of()));
    }

    /**
     * Records the exit status of the command that ran the client through this run (the {@code check} subcommand): the
     * card then judges what only the client can tell, whether it reported an error.
     */
    public synchronized void exited(int status) {
        exitStatus = status;
    }

    /** The exit status {@link #exited} recorded, or null in chain mode. */
    public synchronized Integer exitStatus() {
        return exitStatus;
    }
}
