package dev.keepalivelab.servlet;

import dev.keepalivelab.lab.KeepAliveLab;
import dev.keepalivelab.lab.LabRequest;
import dev.keepalivelab.lab.RequestBody;
import dev.keepalivelab.lab.LabRequestAttributes;
import dev.keepalivelab.lab.LabResponse;
import dev.keepalivelab.lab.ServerCapabilities;
import dev.keepalivelab.lab.SocketControl;
import dev.keepalivelab.lab.connection.LabConnection;
import dev.keepalivelab.lab.page.Listeners;
import dev.keepalivelab.lab.protocol.ConnectionDecision;
import dev.keepalivelab.lab.record.ResponseOutcome;
import dev.keepalivelab.settings.InvalidSettingException;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.SettingSource;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;

/**
 * Serves the lab ({@link KeepAliveLab}: the demo page at the context root, its 20 images and {@code /connections})
 * with the {@code Connection} policy of the init-params (see {@link dev.keepalivelab.settings.Setting}). Uses the
 * Servlet API only, so that the WAR runs in any Servlet 6 container.
 */
public class KeepAliveLabServlet extends HttpServlet {
    private transient KeepAliveLab lab;
    private transient boolean serverReportsConnections;
    private transient volatile boolean listenersKnown;
    private final transient ServletFaults faults = new ServletFaults();

    @Override
    public void init() throws ServletException {
        LabSettings settings;
        try {
            SettingSource.requireKnownInitParams(Collections.list(getInitParameterNames()));
            settings = LabSettings.from(SettingSource.initParams(this::getInitParameter));
        } catch (InvalidSettingException e) {
            // Not UnavailableException: Jetty swallows that one at startup, while a ServletException fails the deployment.
            throw new ServletException("keepalive-lab not started: " + e.getMessage());
        }
        ServletContext context = getServletContext();
        Object persistent = context == null ? null : context.getAttribute(LabRequestAttributes.PERSISTENT_CONNECTIONS_ENABLED);
        serverReportsConnections = context != null
                && Boolean.TRUE.equals(context.getAttribute(LabRequestAttributes.SERVER_REPORTS_CONNECTIONS));
        // The embedded main, the one server that reports connections, controls its sockets too.
        try {
            lab = new KeepAliveLab(settings, new ServerCapabilities(Boolean.FALSE.equals(persistent) || "false".equals(persistent),
                    serverReportsConnections, serverReportsConnections, serverReportsConnections));
        } catch (InvalidSettingException e) {
            throw new ServletException("keepalive-lab not started: " + e.getMessage());
        }
    }

    /** The server names the ports it listens on only once it listens, after this servlet started. */
    private void learnListeners() {
        if (getServletContext().getAttribute(LabRequestAttributes.LISTENERS) instanceof String listeners) {
            lab.listeningOn(Listeners.parse(listeners));
            listenersKnown = true;
        }
    }

    /** The settings this servlet runs with, valid once {@link #init()} has returned. */
    public LabSettings settings() {
        return lab.settings();
    }

    @Override
    public void destroy() {
        faults.close();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!listenersKnown) {
            learnListeners();
        }
        long bodyLimit = RequestBody.readLimit(request.getMethod(), path(request), request.getProtocol(),
                request::getHeader);
        ByteArrayOutputStream kept = RequestBody.keepsBytes(request.getMethod(), path(request)) ? new ByteArrayOutputStream() : null;
        long bodyBytes = bodyLimit == RequestBody.NONE ? LabRequest.NOT_READ : bodyBytes(request, bodyLimit, kept);
        byte[] body = kept == null || bodyBytes < 0 ? new byte[0] : kept.toByteArray();
        LabResponse answer = lab.answer(new ServletLabRequest(request, connection(request), bodyBytes, body));
        LabRequestAttributes.describe(answer, request::setAttribute);
        if (request.getAttribute(LabRequestAttributes.SOCKET_CONTROL) instanceof SocketControl control) {
            control.announceEnd(answer.exchange());
        }
        if (answer.faultEffects().responds()) {
            response.setStatus(answer.status());
            for (LabResponse.Header header : answer.headers()) {
                response.setHeader(header.name(), header.value());
            }
            if (answer.contentType() != null) {
                response.setContentType(answer.contentType());
            }
            response.setContentLength(answer.body().length());
        }
        boolean head = request.getMethod().equals("HEAD");
        faults.respond(request, response, answer, head ? 0 : answer.body().length(),
                (out, from, to) -> writeBody(out, answer, from, to, head), () -> clientGone(answer));
    }

    /** The client went before the whole response: where the server does not report it, the servlet does. */
    private void clientGone(LabResponse answer) {
        if (!serverReportsConnections) {
            answer.exchange().complete(new ResponseOutcome(false, ResponseOutcome.UNKNOWN, false, ConnectionDecision.Reason.CLIENT));
        }
    }

    /** Writes the body's bytes {@code from} to {@code to}; after the last, tells the lab what became of the response. */
    private void writeBody(HttpServletResponse response, LabResponse answer, int from, int to, boolean head) throws IOException {
        boolean last = to == (head ? 0 : answer.body().length());
        try {
            if (to > from) {
                answer.body().write(from, to, response.getOutputStream());
            }
            if (last && !serverReportsConnections) {
                response.flushBuffer(); // So that a client gone shows here, the one place a foreign container tells.
            }
        } catch (IOException gone) {
            clientGone(answer);
            throw gone;
        }
        if (last && !serverReportsConnections) {
            answer.exchange().complete(ResponseOutcome.withoutConnectionFacts(true, to));
        }
    }

    /**
     * The lab's connection of the request: the one the embedded main made when it accepted the socket, else the one the
     * lab finds by the container's connection id. Connection ids may be reused by a container; the remote address and
     * port make the key unique among live connections.
     */
    private LabConnection connection(HttpServletRequest request) {
        if (request.getAttribute(LabRequestAttributes.CONNECTION) instanceof LabConnection accepted) {
            return accepted;
        }
        return lab.connectionByKey(request.getServletConnection().getConnectionId() + '@' + request.getRemoteAddr() + ':'
                + request.getRemotePort());
    }

    /** The raw path below the context path, without the query; {@code *} for an asterisk-form request. */
    private static String path(HttpServletRequest request) {
        if (Boolean.TRUE.equals(request.getAttribute(LabRequestAttributes.ASTERISK_FORM))) {
            return "*";
        }
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        return uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
    }

    /** Reads and counts the body, at most {@code limit} bytes of it, into {@code kept} where not null; the rest stays unread. */
    private static long bodyBytes(HttpServletRequest request, long limit, ByteArrayOutputStream kept) throws IOException {
        if (request.getContentLengthLong() > limit) {
            return LabRequest.TOO_LARGE;
        }
        long bytes = 0;
        byte[] buffer = new byte[8192];
        InputStream in = request.getInputStream();
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                bytes += n;
                if (bytes > limit) {
                    return LabRequest.TOO_LARGE;
                }
                if (kept != null) {
                    kept.write(buffer, 0, n);
                }
            }
        } catch (IOException incomplete) {
            return LabRequest.INCOMPLETE; // The client closed or reset, or a timeout: still a request the lab records.
        }
        return bytes;
    }

    /**
     * @param connection what {@link LabRequest#connection()} says
     * @param bodyBytes  what {@link LabRequest#bodyBytes()} says
     * @param body       what {@link LabRequest#body()} says
     */
    private record ServletLabRequest(HttpServletRequest request, LabConnection connection, long bodyBytes, byte[] body)
            implements LabRequest {
        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String contextPath() {
            return request.getContextPath();
        }

        @Override
        public String path() {
            return KeepAliveLabServlet.path(request);
        }

        @Override
        public String protocol() {
            return request.getProtocol();
        }

        @Override
        public String header(String name) {
            List<String> values = Collections.list(request.getHeaders(name));
            return values.isEmpty() ? null : String.join(",", values);
        }

        /** Where HTTP/2's {@code :authority} is not a Host header, the server name and port the container took from it. */
        @Override
        public String authority() {
            String host = header("Host");
            return host != null || !protocol().startsWith("HTTP/2") ? host : request.getServerName() + ":" + request.getServerPort();
        }

        @Override
        public String rawQuery() {
            return request.getQueryString();
        }

        @Override
        public String remoteAddress() {
            return request.getRemoteAddr();
        }

        @Override
        public int remotePort() {
            return request.getRemotePort();
        }

        @Override
        public boolean secure() {
            return request.isSecure();
        }

        /** Servlet 6's protocol request id: the stream id on HTTP/2, empty on HTTP/1.x. */
        @Override
        public long streamId() {
            String id = request.getProtocolRequestId();
            return id == null || id.isEmpty() ? 0 : Long.parseLong(id);
        }
    }
}
