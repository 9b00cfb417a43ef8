package dev.keepalivelab.bench;

/** What one page load came to: measured ({@link PageLoad}) or failed ({@link FailedLoad}); either may have sent requests again. */
sealed interface LoadResult permits PageLoad, FailedLoad {
    /** Requests sent again on a new connection ({@link RetryRule}). */
    int retries();

    /** Whether its connections were still open when the bench stopped waiting for them to close ({@link ConnectionCloser#CLOSE_WAIT}). */
    boolean closeWaitTimedOut();
}
