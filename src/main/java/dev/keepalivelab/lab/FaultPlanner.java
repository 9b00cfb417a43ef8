package dev.keepalivelab.lab;

import dev.keepalivelab.lab.ConnectionDecision.Reason;
import dev.keepalivelab.settings.Fault;
import dev.keepalivelab.settings.FaultSelector;
import dev.keepalivelab.settings.LabSettings;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Decides which fault a response gets, if any, and what its serving path must do for it. Pure: no I/O, no clock. */
final class FaultPlanner {
    private final Optional<Fault> serverWide;
    private final FaultSelector selector;
    private final List<Pattern> selectedPaths;
    private final boolean controlsSockets;

    FaultPlanner(LabSettings settings, boolean controlsSockets) {
        this.serverWide = settings.fault();
        this.selector = settings.faultOn();
        this.selectedPaths = selector.paths().stream().map(ConnectionDecider::globPattern).toList();
        this.controlsSockets = controlsSockets;
    }

    /**
     * A response's fault.
     *
     * @param fault       the fault the request asked for or the server gave it; null for none
     * @param effect      what the serving path does
     * @param closeReason why the connection ends, where the fault ends it; else null
     */
    record Plan(Fault fault, FaultEffect effect, Reason closeReason) {
        static final Plan NONE = new Plan(null, FaultEffect.NONE, null);

        boolean closes() {
            return closeReason != null;
        }
    }

    /** A fault that this serving path, or this protocol, cannot make: the request is answered 400 with the message. */
    static final class RefusedFault extends Exception {
        RefusedFault(String message) {
            super(message);
        }
    }

    /**
     * @param asked               the request's {@code ?fault=}, if any
     * @param path                the request's path
     * @param connectionsPath     whether the request is for {@code /connections}, which no server-wide fault reaches
     * @param requestOnConnection the request's 1-based index on its connection
     * @param http2               whether the request came over HTTP/2
     * @param armedBy             the on-reuse fault an earlier response on this connection armed, or null
     */
    Plan plan(Optional<Fault> asked, String path, boolean connectionsPath, int requestOnConnection, boolean http2, Fault armedBy)
            throws RefusedFault {
        if (armedBy != null) {
            return new Plan(null, FaultEffect.onReuse(armedBy), closeReason(armedBy.kind()));
        }
        Optional<Fault> fault = asked.isPresent() ? asked
                : connectionsPath || !selected(path, requestOnConnection) ? Optional.empty() : serverWide;
        if (fault.isEmpty()) {
            return Plan.NONE;
        }
        Fault f = fault.get();
        if (http2 && asked.isEmpty() && !madeOnHttp2(f)) {
            return Plan.NONE; // A server-wide fault goes to the requests that can carry it; asked for, it is refused.
        }
        if (f.needsSocketControl() && !controlsSockets) {
            throw new RefusedFault("Fault " + f.kind().label() + " needs a server that controls its sockets (the embedded"
                    + " main: java -jar keepalive-lab.jar); through the Servlet API this container can make only delay"
                    + " and drip.");
        }
        if (http2 && !madeOnHttp2(f)) {
            throw new RefusedFault("Fault " + f.kind().label() + " is made on HTTP/1.x only; on HTTP/2 the lab makes delay,"
                    + " drip, silent-close, close-on-reuse, reset and reset-on-reuse.");
        }
        FaultEffect effect = FaultEffect.of(f);
        return new Plan(f, effect, effect == FaultEffect.NONE ? null : closeReason(f.kind()));
    }

    /**
     * Whether the lab makes the fault on HTTP/2: on the stream (delay, drip) or on the TCP connection under all its streams
     * (a close or reset without GOAWAY, after the response or at the next stream). A cut stream (RST_STREAM) and a held
     * one are not made there yet.
     */
    private static boolean madeOnHttp2(Fault fault) {
        return fault.kind() != Fault.Kind.TRUNCATE && fault.kind() != Fault.Kind.NO_RESPONSE;
    }

    private boolean selected(String path, int requestOnConnection) {
        if (selector.nthRequest().isPresent()) {
            return selector.nthRequest().getAsInt() == requestOnConnection;
        }
        return selectedPaths.isEmpty() || selectedPaths.stream().anyMatch(glob -> glob.matcher(path).matches());
    }

    /** The reason a connection that {@code kind} ends is recorded with; null for a fault that keeps it. */
    static Reason closeReason(Fault.Kind kind) {
        return switch (kind) {
            case SILENT_CLOSE -> Reason.FAULT_SILENT_CLOSE;
            case CLOSE_ON_REUSE -> Reason.FAULT_CLOSE_ON_REUSE;
            case RESET -> Reason.FAULT_RESET;
            case RESET_ON_REUSE -> Reason.FAULT_RESET_ON_REUSE;
            case NO_RESPONSE -> Reason.FAULT_NO_RESPONSE;
            case TRUNCATE -> Reason.FAULT_TRUNCATE;
            case DELAY, DRIP -> null;
        };
    }
}
