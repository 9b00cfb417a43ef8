package dev.keepalivelab.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Asks the lab for its record until it shows what a test waits for. Each look is itself a request the lab records, so
 * the looks start 10 ms apart and back off to 200 ms: a long wait cannot crowd a test's requests out of the record.
 */
final class RecordPoll {
    static final Duration FIRST_PAUSE = Duration.ofMillis(10);
    static final Duration LONGEST_PAUSE = Duration.ofMillis(200);

    private RecordPoll() {
    }

    /** The first value {@code found} gives for a record; after {@code timeout}, an AssertionError with {@code failure}'s words. */
    static <T> T until(Supplier<LabRecord> look, Function<LabRecord, Optional<T>> found, Duration timeout,
                       Function<LabRecord, String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE.toMillis();
        while (true) {
            LabRecord record = look.get();
            Optional<T> value = found.apply(record);
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(failure.apply(record));
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabClientException("interrupted while waiting", e);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE.toMillis());
        }
    }
}
