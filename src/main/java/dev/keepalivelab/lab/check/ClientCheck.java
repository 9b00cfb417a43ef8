package dev.keepalivelab.lab.check;

import java.time.Duration;
import java.util.List;

/**
 * One check of a client's connection handling, declared in one file: its name, its steps (the responses of the chain,
 * each a redirect to the next, carrying the connection behaviour the check needs) and its rule, which judges what the
 * lab's record says the client did on those steps.
 */
public sealed interface ClientCheck permits Reuse, CloseAnnounced, RetryUnprocessed, StaleGet, StoppingCheck, TimedCheck {
    /** The name in {@code ?checks=} and on the card, e.g. {@code reuse}. */
    String name();

    /** The steps, in order: step {@code n} (1-based) is {@code steps().get(n - 1)}. */
    List<Step> steps();

    /** Whether the steps are POSTs with a body, reached through 307s from {@code POST /check}; else GETs through 302s. */
    default boolean post() {
        return false;
    }

    /**
     * Whether a correct client stops at this check (it reports an error rather than going on): such a check goes last in
     * a chain, a chain of GETs leaves it out unless named, and in chain mode only a command's exit status can tell a
     * correct stop from a broken one.
     */
    default boolean correctClientStops() {
        return false;
    }

    /**
     * How long the client waits after step 1's response before it asks for step 2; zero for a check of a chain. A timed
     * check (a wait above zero) is outside every chain: its steps answer 200 and lead nowhere, and its client (the page,
     * or code through {@link CheckRun#visits()}) waits and asks for the next.
     */
    default Duration waitBeforeLast() {
        return Duration.ZERO;
    }

    /** Whether its client waits between its steps ({@link #waitBeforeLast()}). */
    default boolean timed() {
        return !waitBeforeLast().isZero();
    }

    /** Whether its last step ends the chain with a response of its own (200) rather than a redirect onward. */
    default boolean endsChain() {
        return false;
    }

    /** The verdict on what the record says the client did on this check's steps. */
    default Verdict verdict(Evidence evidence) {
        return evidence.unmet().orElseGet(() -> judge(evidence));
    }

    /** The verdict on a client that met step 1's response as the check means it ({@link Evidence#unmet()} is empty). */
    Verdict judge(Evidence evidence);
}
