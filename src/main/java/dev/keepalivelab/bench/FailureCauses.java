package dev.keepalivelab.bench;

import java.util.function.Predicate;

/** What a failure's chain of causes holds: Jetty's client wraps the failure that says what happened. */
final class FailureCauses {
    private FailureCauses() {
    }

    /** Whether {@code failure} or any of its causes is {@code wanted}. */
    static boolean any(Throwable failure, Predicate<Throwable> wanted) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (wanted.test(cause)) {
                return true;
            }
        }
        return false;
    }
}
