package dev.keepalivelab.lab.check;

import dev.keepalivelab.lab.page.PageLanguage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One run of checks for one client: its id, the checks in chain order, the client as it named itself, and what the
 * lab's record cannot hold: the body size of each POST step it saw and the exit status of the client's command.
 */
public final class CheckRun {
    /** How many body sizes a run keeps per step: enough for every resend a card names, bounded under repeated POSTs. */
    static final int MAX_BODIES = 8;
    private final String id;
    private final List<ClientCheck> checks;
    private final String client;
    private final Instant started;
    private final String contextPath;
    private final long recordFrom;
    private final Map<String, List<Long>> bodyBytes = new HashMap<>();
    private final Set<String> attempted = new HashSet<>();
    private Integer exitStatus;
    private volatile PageLanguage language;

    /**
     * A request a timed check's client makes, in order: the path, after waiting {@code waitBefore} since the previous
     * response.
     */
    public record Visit(String check, String path, Duration waitBefore) {
    }

    CheckRun(String id, List<ClientCheck> checks, String client, Instant started) {
        this(id, checks, client, started, "", 0);
    }

    /**
     * @param contextPath where the lab is deployed ({@code /keepalive-lab} for the WAR; empty at the root): every path the
     *                    run hands out starts with it, while the record's paths (and {@link #cardPath()}) do not
     * @param recordFrom  how many requests the lab had counted when the run started: its requests come after
     */
    CheckRun(String id, List<ClientCheck> checks, String client, Instant started, String contextPath, long recordFrom) {
        this.id = id;
        this.checks = List.copyOf(checks);
        this.client = client;
        this.started = started;
        this.contextPath = contextPath;
        this.recordFrom = recordFrom;
    }

    /** The run's id, e.g. {@code k3f9-r3}: a prefix of the lab's boot, then the run's number in it. */
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

    /** Where the run's card is, as the record's paths name it: {@code /check/k3f9-r3}. */
    public String cardPath() {
        return ClientChecks.START + "/" + id;
    }

    /**
     * The path of the run's first step, where its chain starts; in a run of timed checks alone, the first of its
     * {@link #visits()}.
     */
    public String firstPath() {
        return stepPath(checks.stream().filter(c -> !c.timed()).findFirst().orElse(checks.get(0)), 1);
    }

    /** Whether the run has checks of a chain, which a client reaches by following redirects from {@link #firstPath()}. */
    public boolean chains() {
        return checks.stream().anyMatch(c -> !c.timed());
    }

    /**
     * The requests of the run's timed checks, in order, each after its wait: what the page's script and code make (a
     * redirect cannot make a client wait). Empty where the run has none.
     */
    public List<Visit> visits() {
        List<Visit> visits = new ArrayList<>();
        for (ClientCheck check : checks) {
            for (int step = 1; check.timed() && step <= check.steps().size(); step++) {
                visits.add(new Visit(check.name(), stepPath(check, step), step == 1 ? Duration.ZERO : check.waitBeforeLast()));
            }
        }
        return visits;
    }

    /** The language chosen ({@code ?lang=}) where the run started: its card speaks it where its own request does not choose. */
    Optional<PageLanguage> language() {
        return Optional.ofNullable(language);
    }

    void speaks(PageLanguage chosen) {
        language = chosen;
    }

    /** {@code path} (one of the run's, or another of the lab's) as the client reaches it: below the lab's context path. */
    public String link(String path) {
        return contextPath + path;
    }

    long recordFrom() {
        return recordFrom;
    }

    String stepPath(ClientCheck check, int step) {
        return cardPath() + "/" + check.name() + "/" + step;
    }

    /**
     * Where step {@code step} of {@code check} leads: the check's next step, the next chained check's first, or the card
     * (a timed check's step leads to its next after a wait, which its client makes).
     */
    String next(ClientCheck check, int step) {
        if (step < check.steps().size()) {
            return stepPath(check, step + 1);
        }
        return checks.subList(checks.indexOf(check) + 1, checks.size()).stream().filter(c -> !c.timed()).findFirst()
                .map(c -> stepPath(c, 1)).orElse(cardPath());
    }

    /** Notes the body size of a POST for the step at {@code path}: the first {@link #MAX_BODIES} of each step are kept. */
    synchronized void bodyArrived(String path, long bytes) {
        List<Long> sizes = bodyBytes.computeIfAbsent(path, p -> new ArrayList<>());
        if (sizes.size() < MAX_BODIES) {
            sizes.add(bytes);
        }
    }

    /** Whether this is the first request for the step at {@code path}: true once, false for every request after it. */
    synchronized boolean firstAttempt(String path) {
        return attempted.add(path);
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
