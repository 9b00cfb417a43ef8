package dev.keepalivelab.fault;


import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides which fault a response gets, if any, and what its serving path must do for it, the first that applies: an
 * on-reuse fault an earlier response armed on the connection (the connection is already stale when the request comes),
 * the request's own {@code ?fault=}, the first fault armed at run time that matches the request ({@link ArmedFaults},
 * which counts what it gives), the server-wide fault where {@code faultOn} selects the response. No I/O, no clock.
 */
public final class FaultPlanner {
    private final Optional<Fault> serverWide;
    private final FaultSelector selector;
    private final List<Pattern> selectedPaths;
    private final boolean controlsSockets;
    private final ArmedFaults armed = new ArmedFaults();

    /**
     * @param serverWide      the server-wide fault, if any
     * @param selector        the responses it goes to
     * @param controlsSockets whether the server closes, resets and holds connections for a fault
     */
    public FaultPlanner(Optional<Fault> serverWide, FaultSelector selector, boolean controlsSockets) {
        this.serverWide = serverWide;
        this.selector = selector;
        this.selectedPaths = selector.paths().stream().map(PathGlob::pattern).toList();
        this.controlsSockets = controlsSockets;
    }

    /**
     * A response's fault.
     *
     * @param fault     the fault the request asked for or the server gave it; null for none
     * @param effects   what the serving path does
     * @param endedBy   the fault that ends the connection at this response, where one does; else null
     */
    public record Plan(Fault fault, Effects effects, FaultType endedBy) {
        public static final Plan NONE = new Plan(null, Effects.NONE, null);

        /** This plan where the response announces its connection's close: the whole response, and nothing after it. */
        public Plan announcedCloseFirst() {
            return new Plan(fault, new Effects(effects.start(), effects.body(), Effects.End.NONE), null);
        }

        /** This plan for a response without a body (HEAD): see {@link Effects#withoutBody()}. */
        public Plan withoutBody() {
            return new Plan(fault, effects.withoutBody(), endedBy);
        }

        /** The plan for {@code effects} of {@code type}: it ends the connection where the effects do. */
        static Plan of(Fault fault, FaultType type, Effects effects) {
            return new Plan(fault, effects, effects.endsConnection() ? type : null);
        }
    }

    /** A fault that this serving path, or this protocol, cannot make: the request is answered 400 with the message. */
    public static final class RefusedFault extends Exception {
        RefusedFault(String message) {
            super(message);
        }
    }

    /** The faults armed at run time, which {@link #plan} takes from. */
    public ArmedFaults armed() {
        return armed;
    }

    /**
     * The request a response's fault is planned for.
     *
     * @param path                the request's path
     * @param labPath             whether the request reads or drives the lab ({@code /connections}, {@code /control/...}),
     *                            which no armed or server-wide fault reaches
     * @param requestOnConnection the request's 1-based index on its connection
     * @param client              who sent it: its {@code ?client=} tag, else its User-Agent
     * @param connection          its connection, compared by identity
     */
    public record Target(String path, boolean labPath, int requestOnConnection, String client, Object connection) {
    }

    /**
     * @param asked    the request's {@code ?fault=}, if any
     * @param target   the request
     * @param protocol what the request's protocol makes
     * @param armedBy  the on-reuse fault an earlier response on this connection armed, or null
     */
    public Plan plan(Optional<Fault> asked, Target target, EffectSupport protocol, Fault armedBy) throws RefusedFault {
        if (armedBy != null) {
            return Plan.of(null, armedBy.type(), armedBy.type().onNextRequest());
        }
        if (asked.isEmpty()) {
            // An armed or server-wide fault goes to the requests that can carry it; asked for, one is refused.
            Optional<Fault> given = target.labPath() ? Optional.empty()
                    : armed.take(target.path(), target.client(), target.connection(), protocol)
                    .or(() -> serverWide.filter(f -> selected(target.path(), target.requestOnConnection()) && madeOn(protocol, f.type())));
            return given.map(f -> Plan.of(f, f.type(), f.type().onResponse())).orElse(Plan.NONE);
        }
        Fault f = asked.get();
        boolean made = madeOn(protocol, f.type());
        if (f.type().needsSocketControl() && !controlsSockets) {
            throw new RefusedFault(refusedWithoutSocketControl(f.type()));
        }
        if (!made) {
            throw new RefusedFault("Fault " + f.type().name() + " is made on HTTP/1.x only; on " + protocol.displayName()
                    + " the lab makes " + Faults.names(type -> madeOn(protocol, type)) + ".");
        }
        return Plan.of(f, f.type(), f.type().onResponse());
    }

    /** Why {@code type} is refused where the server does not control its sockets; null where it can be made. */
    public String refusal(FaultType type) {
        return type.needsSocketControl() && !controlsSockets ? refusedWithoutSocketControl(type) : null;
    }

    private static String refusedWithoutSocketControl(FaultType type) {
        return needsSocketControl(type) + "; through the Servlet API this container can make only " + servletApiFaults() + ".";
    }

    /** The start of the message that refuses {@code type} where the server does not control its sockets. */
    public static String needsSocketControl(FaultType type) {
        return "Fault " + type.name() + " needs a server that controls its sockets (the embedded main: java -jar keepalive-lab.jar)";
    }

    /** The faults that the Servlet API alone can make, as a message lists them, e.g. {@code delay and drip}. */
    public static String servletApiFaults() {
        return Faults.names(type -> !type.needsSocketControl());
    }

    /** Whether {@code protocol} makes every effect of {@code type}. */
    public static boolean madeOn(EffectSupport protocol, FaultType type) {
        return protocol.makes(type.onResponse()) && protocol.makes(type.onNextRequest());
    }

    private boolean selected(String path, int requestOnConnection) {
        if (selector.nthRequest().isPresent()) {
            return selector.nthRequest().getAsInt() == requestOnConnection;
        }
        return selectedPaths.isEmpty() || selectedPaths.stream().anyMatch(glob -> glob.matcher(path).matches());
    }
}
