package dev.keepalivelab.lab;

import dev.keepalivelab.settings.Fault;

/**
 * What a serving path does to one response for a {@link Fault}: the lab decides it, the path carries it out with its
 * server's means (timers, never sleeps; the socket where the server controls it).
 */
public enum FaultEffect {
    /** Write the response as it is. */
    NONE,
    /** Wait the fault's duration, then write the response. */
    DELAY,
    /** Write the status line and headers, then the body in even pieces over the fault's duration. */
    DRIP,
    /** Write the headers and the first half of the body, then close the connection. */
    TRUNCATE,
    /** Write the whole response (no {@code Connection: close}), then close the connection: FIN. */
    CLOSE_AFTER,
    /** Write the whole response, then reset the connection: RST. */
    RESET_AFTER,
    /** Write nothing: close the connection now (FIN), the request read and unanswered. */
    CLOSE_INSTEAD,
    /** Write nothing: reset the connection now (RST). */
    RESET_INSTEAD,
    /** Write nothing, ever: the connection closes (FIN) when its idle (or request) timeout expires. */
    NO_RESPONSE;

    /** What the response that asks for {@code fault} gets. */
    static FaultEffect of(Fault fault) {
        return switch (fault.kind()) {
            case SILENT_CLOSE -> CLOSE_AFTER;
            case RESET -> RESET_AFTER;
            case CLOSE_ON_REUSE, RESET_ON_REUSE -> NONE;
            case NO_RESPONSE -> NO_RESPONSE;
            case TRUNCATE -> TRUNCATE;
            case DELAY -> DELAY;
            case DRIP -> DRIP;
        };
    }

    /** What the next request on a connection that an on-reuse {@code fault} armed gets. */
    static FaultEffect onReuse(Fault fault) {
        return fault.kind() == Fault.Kind.RESET_ON_REUSE ? RESET_INSTEAD : CLOSE_INSTEAD;
    }

    /** Whether the response is written at all. */
    public boolean responds() {
        return this != CLOSE_INSTEAD && this != RESET_INSTEAD && this != NO_RESPONSE;
    }
}
