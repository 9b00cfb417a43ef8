package dev.keepalivelab.support;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Waits for a state that something else brings about (a server thread, a process, a log written in blocks) by asking
 * for it again and again until it holds or a deadline passes. The one place the tests poll: where a latch or a future
 * can say when, the tests wait on that instead.
 */
public final class Await {
    /** How long to wait between two looks: short beside any deadline, long enough not to spin a core. */
    static final Duration POLL = Duration.ofMillis(10);

    private Await() {
    }

    /** A look at the state waited for; it may fail, and the failure is the test's. */
    @FunctionalInterface
    public interface Probe<T, E extends Exception> {
        T look() throws E;
    }

    /**
     * The last value a poll saw, and whether it was the one waited for.
     *
     * @param value the last value the probe returned
     * @param met   whether {@code value} satisfied the condition
     */
    public record Polled<T>(T value, boolean met) {
    }

    /**
     * Looks with {@code probe} until its value satisfies {@code done} or {@code max} has passed, and returns the last
     * value seen, met or not: for callers that report a timeout in their own terms.
     */
    public static <T, E extends Exception> Polled<T> poll(Duration max, Probe<T, E> probe, Predicate<? super T> done)
            throws E, InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            T value = probe.look();
            if (done.test(value)) {
                return new Polled<>(value, true);
            }
            if (System.nanoTime() - deadline > 0) {
                return new Polled<>(value, false);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Whether {@code condition} came to hold within {@code max}. */
    public static <E extends Exception> boolean poll(Duration max, Probe<Boolean, E> condition) throws E, InterruptedException {
        return poll(max, condition, Boolean.TRUE::equals).met();
    }

    /**
     * The first value of {@code probe} that satisfies {@code done}; fails after {@code max} with a message naming
     * {@code what} was awaited and the last value seen.
     */
    public static <T, E extends Exception> T until(String what, Duration max, Probe<T, E> probe, Predicate<? super T> done)
            throws E, InterruptedException {
        Polled<T> polled = poll(max, probe, done);
        if (!polled.met()) {
            throw new AssertionError("waited " + max.toMillis() + " ms for " + what + "; last seen: " + polled.value());
        }
        return polled.value();
    }
}
