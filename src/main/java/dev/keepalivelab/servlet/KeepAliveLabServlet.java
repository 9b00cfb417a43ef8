package dev.keepalivelab.servlet;

import dev.keepalivelab.settings.InvalidSettingException;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.SettingSource;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Optional;

/**
 * Serves the demo page at the context root and its 20 images, with the {@code Connection} policy of the
 * init-params (see {@link dev.keepalivelab.settings.Setting}). Uses the Servlet API only, so that the WAR
 * runs in any Servlet 6 container.
 */
public class KeepAliveLabServlet extends HttpServlet {
    static final String ALLOWED_METHODS = "GET, HEAD";

    private transient LabSettings settings;
    private transient LabContent content;
    private transient ConnectionDecider decider;
    private transient ConnectionHeaders connectionHeaders;
    private transient ConnectionTracker tracker;

    @Override
    public void init() throws ServletException {
        try {
            SettingSource.requireKnownInitParams(Collections.list(getInitParameterNames()));
            settings = LabSettings.from(SettingSource.initParams(this::getInitParameter));
        } catch (InvalidSettingException e) {
            // Not UnavailableException: Jetty swallows that one at startup, while a ServletException fails the deployment.
            throw new ServletException("keepalive-lab not started: " + e.getMessage());
        }
        content = LabContent.load(settings);
        decider = new ConnectionDecider(settings.maxRequestsPerConnection());
        connectionHeaders = new ConnectionHeaders(settings.keepAliveTimeout(), settings.maxRequestsPerConnection());
        tracker = new ConnectionTracker(ConnectionTracker.DEFAULT_CAPACITY);
    }

    /** The settings this servlet runs with, valid once {@link #init()} has returned. */
    public LabSettings settings() {
        return settings;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        boolean head = method.equals("HEAD");
        if (!head && !method.equals("GET")) {
            response.setHeader("Allow", ALLOWED_METHODS);
            sendText(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method not allowed: use " + ALLOWED_METHODS + ".", false);
            return;
        }
        Optional<LabResource> found = content.find(pathBelowContext(request));
        if (found.isEmpty()) {
            sendText(response, HttpServletResponse.SC_NOT_FOUND, "Not found: this lab serves its page at / and the 20 images it names.", head);
            return;
        }
        LabResource resource = found.get();
        applyConnectionPolicy(request, response, resource);
        if (!settings.cacheControl().isEmpty()) {
            response.setHeader("Cache-Control", settings.cacheControl());
        }
        response.setContentType(resource.contentType());
        response.setContentLength(resource.body().length);
        if (!head) {
            response.getOutputStream().write(resource.body());
        }
    }

    private void applyConnectionPolicy(HttpServletRequest request, HttpServletResponse response, LabResource resource) {
        String protocol = request.getProtocol();
        if (!protocol.startsWith("HTTP/1.")) {
            return; // HTTP/2 and later forbid connection-specific headers.
        }
        var policy = resource.isPage() ? settings.pageConnection() : settings.connection();
        String connectionKey = connectionKey(request);
        int requestOnConnection = decider.countsRequests() ? tracker.nextRequest(connectionKey) : 0;
        String connectionHeader = String.join(",", Collections.list(request.getHeaders("Connection")));
        ConnectionDecision decision = decider.decide(policy, protocol, connectionHeader, requestOnConnection);
        if (decision.close() && decider.countsRequests()) {
            tracker.forget(connectionKey);
        }
        connectionHeaders.apply(policy, decision, response::setHeader);
    }

    /** Connection ids may be reused by a container; the remote address and port make the key unique among live connections. */
    private static String connectionKey(HttpServletRequest request) {
        return request.getServletConnection().getConnectionId() + '@' + request.getRemoteAddr() + ':' + request.getRemotePort();
    }

    /** The raw (undecoded) path below the context path: only exact names match, so no encoding reaches another file. */
    private static String pathBelowContext(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        return uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
    }

    private static void sendText(HttpServletResponse response, int status, String message, boolean head) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.setContentLength(body.length);
        if (!head) {
            response.getOutputStream().write(body);
        }
    }
}
