package dev.keepalivelab.fault;

/**
 * One kind of connection fault the lab makes on purpose, declared in one file: its name (the contract of
 * {@code ?fault=} and the {@code fault} setting), whether it takes a duration, and what it does at each phase: to the
 * response that asks for it and to the next request on its connection. What it needs from the server and why its
 * connection's record says it closed follow from those effects; which protocols make it is each protocol's rule about
 * the effects ({@link EffectSupport}). {@link Faults} lists them by name.
 */
public sealed interface FaultType permits SilentClose, CloseOnReuse, Reset, ResetOnReuse, NoResponse, Truncate, Delay, Drip,
        RefuseStream, GoAwayUnprocessed {
    /** The name in {@code ?fault=}, e.g. {@code reset}. */
    String name();

    /** Whether the fault takes a duration ({@code delay=2s}). */
    default boolean timed() {
        return false;
    }

    /** What the response that asks for the fault gets. */
    Effects onResponse();

    /** What the next request on the same connection gets; {@link Effects#NONE} for a fault that leaves it alone. */
    default Effects onNextRequest() {
        return Effects.NONE;
    }

    /** Whether the fault acts on the request after the one that asked for it. */
    default boolean armsNextRequest() {
        return !onNextRequest().equals(Effects.NONE);
    }

    /**
     * Whether only a server that controls its sockets can make it: the Servlet API has no way to close, reset or hold a
     * connection, so every fault that ends one needs that; a delay or a drip needs the Servlet API alone.
     */
    default boolean needsSocketControl() {
        return endsConnection();
    }

    /** Whether it ends its connection, so that the connection's record names it as the reason ({@code fault/NAME}). */
    default boolean endsConnection() {
        return onResponse().endsConnection() || onNextRequest().endsConnection();
    }

    /** How {@code ?fault=} writes it, e.g. {@code drip=DURATION}. */
    default String usage() {
        return timed() ? name() + "=DURATION" : name();
    }
}
