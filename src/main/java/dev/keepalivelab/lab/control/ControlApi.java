package dev.keepalivelab.lab.control;

import dev.keepalivelab.fault.FaultPlanner;
import dev.keepalivelab.lab.record.ConnectionsJson;
import dev.keepalivelab.lab.record.LabHistory;
import dev.keepalivelab.settings.ControlAccess;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The control API under {@code /control}: arm and disarm faults, clear the record (docs/control-api.md). One handler a
 * route; the {@code control} setting says which clients it answers, and {@link ControlGate} refuses the rest (403) and a
 * body that is not JSON (415).
 */
public final class ControlApi {
    public static final String PREFIX = ConnectionsJson.CONTROL_PREFIX;
    static final String RECORD = PREFIX + "/record";
    /** The largest body a control request may carry: 16 KiB. */
    public static final long MAX_BODY_BYTES = 16 << 10;
    private static final String ID = "{id}";

    private final ControlGate gate;
    private final LabHistory history;
    private final List<Route> routes;

    /** A handler of one method on one path; {@code id} is the path's {@code {id}} segment, or null. */
    @FunctionalInterface
    private interface Handler {
        ControlAnswer handle(ControlRequest request, String id);
    }

    /** A route: a method on a path, which may end in one {@code {id}} segment. */
    private record Route(String method, String path, Handler handler) {
        /** The {@code {id}} this route reads from {@code requestPath}: "" for a route without one; empty where it does not match. */
        Optional<String> match(String requestPath) {
            if (!path.endsWith("/" + ID)) {
                return path.equals(requestPath) ? Optional.of("") : Optional.empty();
            }
            String parent = path.substring(0, path.length() - ID.length());
            String id = requestPath.startsWith(parent) ? requestPath.substring(parent.length()) : "";
            return id.isEmpty() || id.contains("/") ? Optional.empty() : Optional.of(id);
        }
    }

    public ControlApi(ControlAccess access, FaultPlanner planner, LabHistory history) {
        this.gate = new ControlGate(access);
        this.history = history;
        FaultRoutes faults = new FaultRoutes(planner, history);
        this.routes = List.of(
                new Route("POST", FaultRoutes.FAULTS, faults::arm),
                new Route("GET", FaultRoutes.FAULTS, faults::list),
                new Route("DELETE", FaultRoutes.FAULTS, faults::disarmAll),
                new Route("GET", FaultRoutes.FAULTS + "/" + ID, faults::get),
                new Route("DELETE", FaultRoutes.FAULTS + "/" + ID, faults::disarm),
                new Route("DELETE", RECORD, this::clearRecord));
    }

    /** Whether a request's body is the control API's to read, as far as {@link #MAX_BODY_BYTES}: a POST under the prefix. */
    public static boolean readsBody(String method, String path) {
        return method.equals("POST") && ConnectionsJson.isControlPath(path);
    }

    /** Answers a request for {@code /control} or a path below it. */
    public ControlAnswer answer(ControlRequest request) {
        Optional<ControlAnswer> refused = gate.refusal(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        String method = request.method().equals("HEAD") ? "GET" : request.method();
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Optional<String> id = route.match(request.path());
            if (id.isPresent() && route.method().equals(method)) {
                return bodyFits(request).or(() -> readsBody(method, request.path()) ? ControlGate.unsupportedBody(request) : Optional.empty())
                        .orElseGet(() -> route.handler().handle(request, id.get()));
            }
            id.ifPresent(matched -> allowed.add(route.method()));
        }
        if (allowed.isEmpty()) {
            return ControlAnswer.error(404, "Not found: the control API has " + FaultRoutes.FAULTS + ", " + FaultRoutes.FAULTS
                    + "/{id} and " + RECORD + " (docs/control-api.md).");
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        String allow = String.join(", ", allowed);
        return new ControlAnswer(405, Map.of("Allow", allow), ControlJson.write(ControlJson.error(
                "Method " + request.method() + " not allowed on " + request.path() + ": use " + allow + ".")));
    }

    /** A 413 for a body over {@link #MAX_BODY_BYTES}; empty for one that the serving path read whole. */
    private static Optional<ControlAnswer> bodyFits(ControlRequest request) {
        return readsBody(request.method(), request.path()) && request.bodyBytes() < 0
                ? Optional.of(ControlAnswer.error(413, "Request body too large: a control request takes at most " + MAX_BODY_BYTES
                + " bytes."))
                : Optional.empty();
    }

    /** {@code DELETE /control/record}: the record starts empty; ids and labels keep counting. */
    private ControlAnswer clearRecord(ControlRequest request, String id) {
        history.clear();
        return ControlAnswer.noContent();
    }
}
