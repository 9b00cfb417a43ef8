package dev.keepalivelab.lab.check;

import dev.keepalivelab.lab.record.LabHistory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lab's client checks: the runs it remembers (as many as its history, newest last), how a run starts, and its card,
 * computed from the lab's record. In-process, a caller starts a run with {@link #start}, sends its client to
 * {@link CheckRun#firstPath()} with {@link CheckRun#method()}, and reads {@link #card}.
 */
public final class ClientChecks {
    /** Where a chain starts ({@code GET} or {@code POST}); a run's card and steps are below it. */
    public static final String START = "/check";
    /** The runs the lab remembers, newest first. */
    public static final String RUNS = "/checks";

    private final LabHistory history;
    private final int maxRuns;
    private final Map<String, CheckRun> runs = new LinkedHashMap<>();
    /** Set apart this lab's run ids from another's and from its own before a restart: a bookmarked card never shows a stranger's. */
    private final String boot = Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(36L * 36 * 36, 36L * 36 * 36 * 36), 36);
    private long runsStarted;

    /** @param maxRuns how many runs to remember: the lab's history size, which bounds the record their cards read */
    public ClientChecks(LabHistory history, int maxRuns) {
        this.history = history;
        this.maxRuns = maxRuns;
    }

    /** Whether {@code path} is one of the checks': {@code /check}, below it, or {@code /checks}. */
    public static boolean owns(String path) {
        return path.equals(START) || path.equals(RUNS) || path.startsWith(START + "/");
    }

    /**
     * Whether {@code path} reads the lab's record rather than taking part in a run: {@code /checks} or a card
     * {@code /check/RUN}. Like {@code /connections}, such a request passes an armed on-reuse fault by.
     */
    public static boolean readsRecord(String path) {
        return path.equals(RUNS) || path.startsWith(START + "/") && path.indexOf('/', START.length() + 1) < 0;
    }

    /** The names of every check the lab runs, in chain order. */
    public static List<String> names() {
        return Catalogue.RUNNABLE.stream().map(ClientCheck::name).toList();
    }

    /** The checks that a run of GETs ({@code post} false) or of POSTs runs when none are named. */
    public static List<String> defaultChecks(boolean post) {
        return Catalogue.chain(post).stream().map(ClientCheck::name).toList();
    }

    /** The checks the page runs when none are named: a chain of GETs' and the timed ones, which its script waits for. */
    public static List<String> pageChecks() {
        return Catalogue.RUNNABLE.stream().filter(c -> c.timed() || Catalogue.chain(false).contains(c)).map(ClientCheck::name).toList();
    }

    /** The checks whose client waits between requests, which a chain of redirects cannot make it do. */
    public static List<String> timedChecks() {
        return Catalogue.RUNNABLE.stream().filter(ClientCheck::timed).map(ClientCheck::name).toList();
    }

    /**
     * Starts a run of the checks {@code names} (in chain order, whatever order they come in) for {@code client}.
     *
     * @throws IllegalArgumentException for an empty list, an unknown name, or GET and POST checks together; its message
     *                                  lists what is allowed and never repeats the unknown name
     */
    public CheckRun start(Collection<String> names, String client) {
        return start(names, client, "");
    }

    /** Like {@link #start(Collection, String)}, for a lab deployed under {@code contextPath}, which every path the run hands out carries. */
    public CheckRun start(Collection<String> names, String client, String contextPath) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("No check named: allowed are " + Catalogue.ALLOWED + ".");
        }
        Set<ClientCheck> chosen = new LinkedHashSet<>();
        for (String name : names) {
            chosen.add(Catalogue.byName(name).orElseThrow(() -> new IllegalArgumentException(
                    "Unknown check: allowed are " + Catalogue.ALLOWED + ".")));
        }
        List<ClientCheck> ordered = Catalogue.RUNNABLE.stream().filter(chosen::contains).toList();
        List<ClientCheck> posts = ordered.stream().filter(ClientCheck::post).toList();
        if (!posts.isEmpty() && posts.size() < ordered.size()) {
            throw new IllegalArgumentException(Catalogue.names(posts) + " need POST " + START + " with a body, "
                    + Catalogue.names(ordered.stream().filter(c -> !c.post()).toList()) + " need GET " + START
                    + ": run them apart.");
        }
        synchronized (runs) {
            CheckRun run = new CheckRun(boot + "-r" + (++runsStarted), ordered, client, Instant.now(), contextPath, history.requestsSeen());
            runs.put(run.id(), run);
            if (runs.size() > maxRuns) {
                runs.remove(runs.keySet().iterator().next());
            }
            return run;
        }
    }

    /** The run {@code id}, while the lab remembers it. */
    public Optional<CheckRun> run(String id) {
        synchronized (runs) {
            return Optional.ofNullable(runs.get(id));
        }
    }

    /** The runs the lab remembers, newest first. */
    public List<CheckRun> runs() {
        synchronized (runs) {
            List<CheckRun> newestFirst = new ArrayList<>(runs.values());
            java.util.Collections.reverse(newestFirst);
            return newestFirst;
        }
    }

    /** The run's card now, from the lab's record of its requests. */
    public Card card(CheckRun run) {
        String below = run.cardPath() + "/";
        return Card.of(run, history.snapshot(r -> r.facts().path().startsWith(below) || r.facts().path().equals(run.cardPath())),
                !history.holdsSince(run.recordFrom()));
    }

    /** Answers a request under {@code /check} or for {@code /checks}. */
    public CheckAnswer answer(CheckRequest request) {
        return new CheckRoutes(this).answer(request);
    }
}
