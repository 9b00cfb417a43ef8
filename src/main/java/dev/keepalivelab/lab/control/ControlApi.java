package dev.keepalivelab.lab.control;

import dev.keepalivelab.fault.FaultPlanner;
import dev.keepalivelab.lab.record.ConnectionsJson;
import dev.keepalivelab.lab.record.LabHistory;
import dev.keepalivelab.settings.ControlAccess;
import dev.keepalivelab.settings.Setting;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The control API under {@code /control}: arm and disarm faults, clear the record (docs/control-api.md). One handler a
 * route; the {@code control} setting says which clients it answers, every other client gets 403.
 */
public final class ControlApi {
    public static final String PREFIX = ConnectionsJson.CONTROL_PREFIX;
    static final String RECORD = PREFIX + "/record";
    /** The largest body a control request may carry: 16 KiB. */
    public static final long MAX_BODY_BYTES = 16 << 10;
    private static final String ID = "{id}";
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final ControlAccess access;
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
        this.access = access;
        this.history = history;
        FaultRoutes faults = new FaultRoutes(planner);
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
        Optional<String> refused = refusal(request.remoteAddress());
        if (refused.isPresent()) {
            return ControlAnswer.error(403, refused.get());
        }
        String method = request.method().equals("HEAD") ? "GET" : request.method();
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Optional<String> id = route.match(request.path());
            if (id.isPresent() && route.method().equals(method)) {
                return bodyFits(request).orElseGet(() -> route.handler().handle(request, id.get()));
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

    /** Why a client at {@code remoteAddress} may not use the API; empty where it may. */
    private Optional<String> refusal(String remoteAddress) {
        String how = " (init-param " + Setting.CONTROL.paramName() + ", flag " + Setting.CONTROL.flag() + "; docs/control-api.md).";
        return switch (access) {
            case ON -> Optional.empty();
            case OFF -> Optional.of("The control API is off: setting " + Setting.CONTROL.paramName() + " is " + access
                    + "; set it to " + ControlAccess.LOOPBACK + " (clients on this machine) or " + ControlAccess.ON + " (any client)"
                    + how);
            case LOOPBACK -> isLoopback(remoteAddress) ? Optional.empty()
                    : Optional.of("The control API answers clients on this machine only: setting " + Setting.CONTROL.paramName()
                    + " is " + access + " and this request came from " + remoteAddress + "; set it to " + ControlAccess.ON
                    + " to let any client drive the lab" + how);
        };
    }

    /** Whether {@code address}, an IP address as a server gives it (IPv6 perhaps in brackets), is a loopback address. */
    static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!literal.contains(":") && !IPV4_LITERAL.matcher(literal).matches()) {
            return false; // Not an address literal: never looked up.
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
