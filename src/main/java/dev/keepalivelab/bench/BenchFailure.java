package dev.keepalivelab.bench;

/** The bench cannot go on; the message says why in one line for the user. */
final class BenchFailure extends Exception {
    BenchFailure(String message) {
        super(message);
    }
}
