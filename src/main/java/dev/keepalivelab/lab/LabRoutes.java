package dev.keepalivelab.lab;

import dev.keepalivelab.lab.check.CheckAnswer;
import dev.keepalivelab.lab.check.ClientChecks;
import dev.keepalivelab.lab.page.LabContent;
import dev.keepalivelab.lab.protocol.Protocol;
import dev.keepalivelab.lab.protocol.Rulebook;
import dev.keepalivelab.lab.record.ConnectionsJson;
import dev.keepalivelab.settings.LabSettings;

/**
 * Which route a request goes to (the demo page, an image, {@code /connections}, {@code /submit}, the control API, the
 * client checks, or an error) and what it asks of it, its query parsed: the lab's routing, apart from its answering.
 */
final class LabRoutes {
    private final LabSettings settings;
    private final ClientChecks checks;
    private final Rulebook rules;
    private final ServerCapabilities server;

    LabRoutes(LabSettings settings, ClientChecks checks, Rulebook rules, ServerCapabilities server) {
        this.settings = settings;
        this.checks = checks;
        this.rules = rules;
        this.server = server;
    }

    /** What a request is routed to, and the status it gets. */
    enum Route {
        PAGE(200, true), IMAGE(200, true), CONNECTIONS(200, false), SUBMIT(200, true), CONTROL(200, false), CHECK(200, false),
        NOT_FOUND(404, false), METHOD_NOT_ALLOWED(405, false), BAD_REQUEST(400, false), TOO_LARGE(413, false),
        INCOMPLETE_BODY(400, false);

        final int status;
        /** Whether it serves the lab's content, the only routes an armed fault goes to. */
        final boolean servesContent;

        Route(int status, boolean servesContent) {
            this.status = status;
            this.servesContent = servesContent;
        }
    }

    /** What a request asks for; {@code error} explains a {@link Route#BAD_REQUEST}; {@code check} answers a {@link Route#CHECK}. */
    record Ask(Route route, String path, LabQuery query, String error, CheckAnswer check) {
        Ask(Route route, String path, LabQuery query, String error) {
            this(route, path, query, error, null);
        }

        int status() {
            return check == null ? route.status : check.status();
        }
    }

    Ask ask(LabRequest request) {
        String path = request.path();
        Route route = route(request.method(), path, request.bodyBytes());
        LabQuery query;
        try {
            query = route == Route.CONTROL ? LabQuery.NONE : LabQuery.parse(request, settings.allowOverrides(), settings.allowFaults());
        } catch (LabQuery.BadQueryException e) {
            // A path the lab does not serve answers as such, whatever its query; its query is still its own when valid.
            boolean served = route != Route.METHOD_NOT_ALLOWED && route != Route.NOT_FOUND;
            return served ? new Ask(Route.BAD_REQUEST, path, LabQuery.NONE, e.getMessage()) : new Ask(route, path, LabQuery.NONE, null);
        }
        if (route == Route.CHECK) {
            CheckAnswer check = CheckRoute.answer(checks, request, query, rules.of(Protocol.of(request.protocol(), request.secure())),
                    server.controlsSockets());
            return new Ask(route, path, query.step(check), null, check);
        }
        return new Ask(route, path, query, null);
    }

    /** Whether the request is one whose body the serving path reads and counts for the lab (at most {@link KeepAliveLab#MAX_SUBMIT_BYTES}). */
    static boolean isSubmit(String method, String path) {
        return path.equals(KeepAliveLab.SUBMIT_PATH) && (method.equals("POST") || method.equals("PUT"));
    }

    /** The path is matched raw and exactly, so that no spelling of a path reaches anything else. */
    static Route route(String method, String path, long bodyBytes) {
        if (bodyBytes == LabRequest.INCOMPLETE) {
            return Route.INCOMPLETE_BODY; // Whether read to count it or to discard it, on any path.
        }
        if (ConnectionsJson.isControlPath(path)) {
            return Route.CONTROL; // The control API answers every method, its own way.
        }
        if (path.equals(KeepAliveLab.SUBMIT_PATH)) {
            return !isSubmit(method, path) ? Route.METHOD_NOT_ALLOWED : bodyBytes == LabRequest.TOO_LARGE ? Route.TOO_LARGE : Route.SUBMIT;
        }
        if (ClientChecks.owns(path)) {
            return Route.CHECK;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Route.METHOD_NOT_ALLOWED;
        }
        if (path.equals("/")) {
            return Route.PAGE;
        }
        if (LabContent.IMAGE_PATHS.contains(path)) {
            return Route.IMAGE;
        }
        return path.equals(ConnectionsJson.PATH) ? Route.CONNECTIONS : Route.NOT_FOUND;
    }
}
