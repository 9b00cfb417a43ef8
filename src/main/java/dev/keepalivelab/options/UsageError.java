package dev.keepalivelab.options;

/** A command line that cannot run as given (a value not allowed, options that contradict each other); its message says why. */
public final class UsageError extends RuntimeException {
    public UsageError(String message) {
        super(message);
    }
}
