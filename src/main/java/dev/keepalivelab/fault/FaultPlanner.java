package dev.keepalivelab.fault;


import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Decides which fault a response gets, if any, and what its serving path must do for it, the first that applies: an
 * on-reuse fault an earlier response armed on the connection (the connection is already stale when the request comes),
 * the request's own {@code ?fault=}, the first fault armed at run time that matches the request ({@link ArmedFaults},
 * which counts what it gives), the server-wide fault where {@code faultOn} selects the response. The connection's fate
 * is decided first: where the response announces its close, a close or reset after it does nothing more, and an armed
 * fault that would come to nothing there is left for a response that keeps its connection. No I/O, no clock.
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
     * @param servesContent       whether it is routed to content (the page, an image, {@code /submit}): only such a request
     *                            takes an armed fault
     * @param requestOnConnection the request's 1-based index on its connection
     * @param client              who sent it: its {@code ?client=} tag, else its User-Agent
     * @param connection          its connection, compared by identity
     * @param closing             whether its response announces the connection's close ({@code Connection: close}, GOAWAY)
     * @param bodiless            whether its response has no body ({@code HEAD})
     */
    public record Target(String path, boolean labPath, boolean servesContent, int requestOnConnection, String client,
                         Object connection, boolean closing, boolean bodiless) {
        /** {@code plan} as this response carries it out: without a body where it has none, the announced close first. */
        Plan shape(Plan plan) {
            Plan shaped = bodiless ? plan.withoutBody() : plan;
            return closing && shaped.effects().onlyEndAfterWholeResponse() ? shaped.announcedCloseFirst() : shaped;
        }

        /**
         * Whether this response makes {@code type} as it would on a connection that stays open: on a closing response an
         * on-reuse fault has no next request, and a close or reset after the response comes after the announced close.
         */
        boolean makes(FaultType type) {
            Effects effects = bodiless ? type.onResponse().withoutBody() : type.onResponse();
            return !closing || !type.armsNextRequest() && !effects.onlyEndAfterWholeResponse();
        }
    }

    /**
     * Refuses a request's {@code ?fault=} that this server or {@code protocol} cannot make.
     *
     * @throws RefusedFault with the 400's text
     */
    public void admit(Optional<Fault> asked, EffectSupport protocol) throws RefusedFault {
        if (asked.isEmpty()) {
            return;
        }
        FaultType type = asked.get().type();
        String refusal = refusal(type);
        if (refusal != null) {
            throw new RefusedFault(refusal);
        }
        if (!madeOn(protocol, type)) {
            throw new RefusedFault("Fault " + type.name() + " is made on HTTP/1.x only; on " + protocol.displayName()
                    + " the lab makes " + Faults.names(t -> madeOn(protocol, t)) + ".");
        }
    }

    /**
     * @param asked    the request's {@code ?fault=}, if any, which {@link #admit} admitted
     * @param target   the request
     * @param protocol what the request's protocol makes
     * @param armedBy  the on-reuse fault an earlier response on this connection armed, or null
     */
    public Plan plan(Optional<Fault> asked, Target target, EffectSupport protocol, Fault armedBy) {
        if (armedBy != null) {
            return target.shape(Plan.of(null, armedBy.type(), armedBy.type().onNextRequest()));
        }
        Optional<Fault> given = asked;
        if (asked.isEmpty() && !target.labPath()) {
            // An armed fault is taken (and counted) only where it is made; the server-wide one goes where it is selected.
            Predicate<FaultType> made = type -> madeOn(protocol, type) && target.makes(type);
            given = (target.servesContent() ? armed.take(target.path(), target.client(), target.connection(), made) : Optional.<Fault>empty())
                    .or(() -> serverWide.filter(f -> selected(target.path(), target.requestOnConnection()) && madeOn(protocol, f.type())));
        }
        return given.map(f -> target.shape(Plan.of(f, f.type(), f.type().onResponse()))).orElse(Plan.NONE);
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
