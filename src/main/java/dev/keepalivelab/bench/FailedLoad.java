package dev.keepalivelab.bench;

/** A page load that did not complete: the first request that failed, in one line, after its retries if it had any. */
record FailedLoad(String message, int retries, boolean closeWaitTimedOut) implements LoadResult {
}
