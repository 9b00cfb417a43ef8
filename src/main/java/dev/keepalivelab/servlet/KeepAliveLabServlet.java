package dev.keepalivelab.servlet;

import dev.keepalivelab.settings.ConnectionPolicy;
import dev.keepalivelab.settings.InvalidSettingException;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.SettingSource;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;

/**
 * Serves the demo page at the context root, its 20 images and {@code /connections}, with the
 * {@code Connection} policy of the init-params (see {@link dev.keepalivelab.settings.Setting}). Uses the
 * Servlet API only, so that the WAR runs in any Servlet 6 container.
 */
public class KeepAliveLabServlet extends HttpServlet {
    static final String ALLOWED_METHODS = "GET, HEAD";
    static final String CONNECTIONS_PATH = "/connections";

    private transient LabSettings settings;
    private transient byte[] picture;
    private transient DemoPage page;
    private transient ConnectionDecider decider;
    private transient ConnectionHeaders connectionHeaders;
    private transient ConnectionRegistry registry;

    /** What a request is routed to, and the status it gets. */
    private enum Route {
        PAGE(200), IMAGE(200), CONNECTIONS(200), NOT_FOUND(404), METHOD_NOT_ALLOWED(405), BAD_REQUEST(400);

        final int status;

        Route(int status) {
            this.status = status;
        }
    }

    @Override
    public void init() throws ServletException {
        try {
            SettingSource.requireKnownInitParams(Collections.list(getInitParameterNames()));
            settings = LabSettings.from(SettingSource.initParams(this::getInitParameter));
        } catch (InvalidSettingException e) {
            // Not UnavailableException: Jetty swallows that one at startup, while a ServletException fails the deployment.
            throw new ServletException("keepalive-lab not started: " + e.getMessage());
        }
        picture = LabContent.read(LabContent.PICTURE);
        page = new DemoPage(settings, LabContent.IMAGE_NAMES);
        decider = new ConnectionDecider(settings, connectorClosesEveryResponse());
        connectionHeaders = new ConnectionHeaders(settings.keepAliveTimeout(), settings.maxRequestsPerConnection());
        registry = new ConnectionRegistry(settings.historySize());
    }

    private boolean connectorClosesEveryResponse() {
        ServletContext context = getServletContext();
        Object enabled = context == null ? null : context.getAttribute(LabRequestAttributes.PERSISTENT_CONNECTIONS_ENABLED);
        return Boolean.FALSE.equals(enabled) || "false".equals(enabled);
    }

    /** The settings this servlet runs with, valid once {@link #init()} has returned. */
    public LabSettings settings() {
        return settings;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        Ask ask = ask(request, method, pathBelowContext(request));
        Instant now = Instant.now();
        ConnectionRegistry.Visit visit = registry.begin(connectionKey(request), request.getRemotePort(), now);
        ConnectionPolicy policy = ask.query().override()
                .orElse(ask.route() == Route.IMAGE ? settings.connection() : settings.pageConnection());
        String protocol = request.getProtocol();
        boolean http1 = protocol.startsWith("HTTP/1.");
        ConnectionDecision decision = http1
                ? decider.decide(new ConnectionDecider.Request(policy, protocol,
                        String.join(",", Collections.list(request.getHeaders("Connection"))), ask.path(),
                        request.getHeader("User-Agent"), visit.requestOnConnection(),
                        Duration.between(visit.connection().firstSeen(), now)))
                : new ConnectionDecision(false, ConnectionDecision.Reason.POLICY, visit.requestOnConnection());
        long pageLoad = switch (ask.route()) {
            case PAGE -> visit.requestId();
            case IMAGE -> ask.query().pageLoad();
            default -> 0; // On /connections, ?load= selects a page load; it is not part of one.
        };
        registry.finish(visit, new RequestRecord.Facts(method, ask.path(), protocol, request.getRemotePort(),
                ask.route().status, pageLoad), decision, now);

        if (http1) {
            connectionHeaders.apply(policy, decision, response::setHeader);
        }
        label(request, response, visit, decision);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setStatus(ask.route().status);
        switch (ask.route()) {
            case PAGE -> {
                response.setHeader("Content-Security-Policy", page.contentSecurityPolicy());
                send(response, settings.cacheControl(), "text/html;charset=utf-8", page.render(visit.requestId(), ask.query()), method);
            }
            case IMAGE -> send(response, settings.cacheControl(), "image/jpeg", picture, method);
            case CONNECTIONS -> send(response, "no-store", "application/json", connectionsJson(ask.query()), method);
            case NOT_FOUND -> sendText(response, "Not found: this lab serves its page at /, the 20 images it names"
                    + " and /connections.", method);
            case METHOD_NOT_ALLOWED -> {
                response.setHeader("Allow", ALLOWED_METHODS);
                sendText(response, "Method not allowed: use " + ALLOWED_METHODS + ".", method);
            }
            case BAD_REQUEST -> sendText(response, ask.error(), method);
        }
    }

    /** What a request asks for; {@code error} explains a {@link Route#BAD_REQUEST}. */
    private record Ask(Route route, String path, LabQuery query, String error) {
    }

    private Ask ask(HttpServletRequest request, String method, String path) {
        Route route = route(method, path);
        if (route == Route.METHOD_NOT_ALLOWED || route == Route.NOT_FOUND) {
            return new Ask(route, path, LabQuery.NONE, null);
        }
        try {
            return new Ask(route, path, LabQuery.parse(request, settings.allowOverrides()), null);
        } catch (LabQuery.BadQueryException e) {
            return new Ask(Route.BAD_REQUEST, path, LabQuery.NONE, e.getMessage());
        }
    }

    private byte[] connectionsJson(LabQuery query) {
        ConnectionRegistry.Snapshot snapshot = registry.snapshot(r -> r.id() > query.since()
                && (query.pageLoad() == 0 || r.facts().pageLoad() == query.pageLoad()));
        return ConnectionsJson.render(snapshot).getBytes(StandardCharsets.UTF_8);
    }

    /** The path is matched raw and exactly, so that no spelling of a path reaches anything else. */
    private static Route route(String method, String path) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Route.METHOD_NOT_ALLOWED;
        }
        if (path.equals("/")) {
            return Route.PAGE;
        }
        if (LabContent.IMAGE_PATHS.contains(path)) {
            return Route.IMAGE;
        }
        return path.equals(CONNECTIONS_PATH) ? Route.CONNECTIONS : Route.NOT_FOUND;
    }

    private void label(HttpServletRequest request, HttpServletResponse response, ConnectionRegistry.Visit visit,
                       ConnectionDecision decision) {
        String label = visit.connection().label();
        request.setAttribute(LabRequestAttributes.CONNECTION_LABEL, label);
        request.setAttribute(LabRequestAttributes.REQUEST_ON_CONNECTION, visit.requestOnConnection());
        request.setAttribute(LabRequestAttributes.DECISION, (decision.close() ? "closed/" : "kept/") + decision.reason().label());
        if (settings.connectionHeaders()) {
            response.setHeader("X-Connection-Label", label);
            response.setHeader("X-Connection-Request", Integer.toString(visit.requestOnConnection()));
        }
    }

    /** Connection ids may be reused by a container; the remote address and port make the key unique among live connections. */
    private static String connectionKey(HttpServletRequest request) {
        return request.getServletConnection().getConnectionId() + '@' + request.getRemoteAddr() + ':' + request.getRemotePort();
    }

    /** The raw (undecoded) path below the context path, without the query. */
    private static String pathBelowContext(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        return uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
    }

    private static void send(HttpServletResponse response, String cacheControl, String contentType, byte[] body, String method)
            throws IOException {
        if (!cacheControl.isEmpty()) {
            response.setHeader("Cache-Control", cacheControl);
        }
        response.setContentType(contentType);
        response.setContentLength(body.length);
        if (!method.equals("HEAD")) {
            response.getOutputStream().write(body);
        }
    }

    private static void sendText(HttpServletResponse response, String message, String method) throws IOException {
        send(response, "", "text/plain;charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8), method);
    }
}
