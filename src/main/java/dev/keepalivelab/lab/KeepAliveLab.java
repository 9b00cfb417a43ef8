package dev.keepalivelab.lab;

import dev.keepalivelab.lab.LabResponse.Header;
import dev.keepalivelab.lab.LabRoutes.Ask;
import dev.keepalivelab.lab.LabRoutes.Route;
import dev.keepalivelab.lab.check.ClientChecks;
import dev.keepalivelab.lab.connection.ConnectionRegistry;
import dev.keepalivelab.lab.connection.LabConnection;
import dev.keepalivelab.fault.FaultPlanner;
import dev.keepalivelab.lab.control.ControlAnswer;
import dev.keepalivelab.lab.control.ControlApi;
import dev.keepalivelab.lab.control.ControlRequest;
import dev.keepalivelab.lab.page.DemoPage;
import dev.keepalivelab.lab.page.LabContent;
import dev.keepalivelab.lab.page.Listeners;
import dev.keepalivelab.lab.protocol.CloseReason;
import dev.keepalivelab.lab.protocol.ConnectionDecider;
import dev.keepalivelab.lab.protocol.ConnectionDecision;
import dev.keepalivelab.lab.protocol.Protocol;
import dev.keepalivelab.lab.protocol.ProtocolRules;
import dev.keepalivelab.lab.protocol.Rulebook;
import dev.keepalivelab.lab.record.ConnectionsJson;
import dev.keepalivelab.lab.record.Exchange;
import dev.keepalivelab.lab.record.LabHistory;
import dev.keepalivelab.lab.record.RequestRecord;
import dev.keepalivelab.settings.ConnectionPolicy;
import dev.keepalivelab.settings.InvalidSettingException;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.Setting;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab: answers a request that {@link LabRoutes} routed (the demo page, its 20 images, {@code /connections},
 * {@code /submit}, the control API, the client checks), counts it on its connection, decides with the settings' policy
 * whether the connection stays open, then which fault the response gets. The one implementation
 * behind every serving path: the servlet (the WAR, {@code mvn jetty:run}) and the embedded main's Jetty handler
 * only translate requests and responses.
 */
public final class KeepAliveLab {
    public static final String ALLOWED_METHODS = "GET, HEAD";
    /** Takes a request body ({@code POST} or {@code PUT}) and answers with its length, for testing retries of requests that are not idempotent. */
    public static final String SUBMIT_PATH = "/submit";
    public static final String SUBMIT_METHODS = "POST, PUT";
    /** The largest body {@code /submit} takes: 1 MiB. */
    public static final long MAX_SUBMIT_BYTES = 1 << 20;

    private final LabSettings settings;
    private final byte[] picture;
    private volatile DemoPage page;
    private final Rulebook rules;
    private final LabHistory history;
    private final ConnectionRegistry keyedConnections = new ConnectionRegistry();
    private final FaultPlanner faults;
    private final ServerCapabilities server;
    private final ClientChecks checks;
    private final ControlApi control;
    private final LabRoutes routes;

    /** @throws InvalidSettingException when the server-wide fault needs what this server cannot do */
    public KeepAliveLab(LabSettings settings, ServerCapabilities server) {
        settings.fault().filter(fault -> fault.type().needsSocketControl() && !server.controlsSockets()).ifPresent(fault -> {
            throw new InvalidSettingException(Setting.FAULT.paramName(), "Invalid value '" + fault.label() + "' for init-param "
                    + Setting.FAULT.paramName() + ": this servlet container offers the Servlet API only, which can make "
                    + FaultPlanner.servletApiFaults() + "; " + fault.type().name() + " needs the embedded main (java -jar"
                    + " keepalive-lab.jar).");
        });
        this.settings = settings;
        this.server = server;
        this.picture = LabContent.read(LabContent.PICTURE);
        this.page = new DemoPage(settings, LabContent.IMAGE_NAMES);
        this.rules = new Rulebook(settings, server.closesEveryResponse(), server.endsHttp2Connections());
        this.history = new LabHistory(settings.historySize(), server.reportsConnections());
        this.faults = new FaultPlanner(settings.fault(), settings.faultOn(), server.controlsSockets());
        this.checks = new ClientChecks(history, settings.historySize());
        this.control = new ControlApi(settings.control(), faults, history);
        this.routes = new LabRoutes(settings, checks, rules, server);
    }

    /** The client checks under {@code /check}: a caller in the same process starts runs and reads cards through them. */
    public ClientChecks checks() {
        return checks;
    }

    public LabSettings settings() {
        return settings;
    }

    /** The server listens on these HTTPS ports too: the page links them from now on. */
    public void listeningOn(Listeners listeners) {
        page = new DemoPage(settings, LabContent.IMAGE_NAMES, listeners);
    }

    /**
     * The connection a container that gives the lab no socket names by {@code key} (any object equal for the requests
     * of one connection and distinct among the connections open at once): found, or made at the key's first request.
     */
    public LabConnection connectionByKey(Object key) {
        return keyedConnections.byKey(key);
    }

    /** Answers {@code request}, counting it on its connection. */
    public LabResponse answer(LabRequest request) {
        String method = request.method();
        Ask ask = routes.ask(request);
        Instant now = Instant.now();
        String protocol = request.protocol();
        Protocol connectionProtocol = Protocol.of(protocol, request.secure());
        // A request that reads or drives the lab (the record, a card read from it, the control API) passes every armed
        // fault by, so that the record can always be read; a check's step makes only the fault the step gives it.
        boolean labPath = ask.route() == Route.CONNECTIONS || ask.route() == Route.CONTROL || ClientChecks.readsRecord(ask.path());
        Exchange exchange = history.begin(request.connection(), request.remotePort(), connectionProtocol, request.secure(), now,
                !labPath);
        ProtocolRules protocolRules = rules.of(connectionProtocol);
        String client = ask.query().clientOf(request);
        boolean refused = false;
        try {
            faults.admit(ask.query().fault(), protocolRules);
        } catch (FaultPlanner.RefusedFault refusal) {
            ask = new Ask(Route.BAD_REQUEST, ask.path(), LabQuery.NONE, refusal.getMessage());
            refused = true; // Its 400 gets no other fault: neither an armed one nor the server-wide one.
        }
        ConnectionPolicy policy = ask.query().override()
                .orElse(ask.route() == Route.IMAGE ? settings.connection() : settings.pageConnection());
        exchange.bodyLeftUnread(RequestBody.leftUnread(request));
        ConnectionDecision decision = protocolRules.decide(new ConnectionDecider.Request(policy, protocol, request.header("Connection"),
                ask.path(), request.header("User-Agent"), exchange.requestOnConnection(),
                Duration.between(exchange.connection().firstSeen(), now), exchange.bodyLeftUnread()));
        // The connection's fate first: a fault that ends the connection is what the record says, while the headers stay
        // the policy's (a silent close sends no Connection: close); where the response announces the close, that close
        // wins over one the fault would make after the response, and an armed fault waits for a connection that stays open.
        FaultPlanner.Plan fault = faults.plan(ask.query().fault(), new FaultPlanner.Target(ask.path(), labPath || refused || ask.route() == Route.CHECK,
                ask.route().servesContent, exchange.requestOnConnection(), client, exchange.connection(), decision.close(), method.equals("HEAD")),
                protocolRules, exchange.armedBy());
        // On /connections, ?load= selects a page load; it is not part of one.
        long pageLoad = ask.route() == Route.PAGE ? exchange.requestId() : ask.route() == Route.IMAGE ? ask.query().pageLoad() : 0;
        ControlAnswer controlled = ask.route() != Route.CONTROL ? null : control.answer(new ControlRequest(method,
                request.contextPath(), ask.path(), request.remoteAddress(), request.authority(), request.secure(), request::header,
                request.bodyBytes(), request.body()));
        int routeStatus = controlled == null ? ask.status() : controlled.status();
        ConnectionDecision recorded = fault.endedBy() != null
                ? new ConnectionDecision(true, new CloseReason.ByFault(fault.endedBy()), exchange.requestOnConnection()) : decision;
        List<Header> headers = new ArrayList<>(8);
        long keepAlive = protocolRules.writeConnectionHeaders(policy, ask.query().keepAliveHint(), decision,
                (name, value) -> headers.add(new Header(name, value)));
        history.decide(exchange, new RequestRecord.Facts(method, RequestRecord.recordedPath(ask.path()), protocol, connectionProtocol,
                request.remotePort(), fault.effects().responds() ? routeStatus : RequestRecord.NO_STATUS, pageLoad,
                protocolRules.recordedStream(request::streamId), fault.fault(), client, keepAlive), recorded, fault.effects(), now);
        ask.query().idleTimeout().ifPresent(exchange::holdIdleTimeout);
        String label = exchange.connection().label();
        if (settings.connectionHeaders()) {
            headers.add(new Header("X-Connection-Label", label));
            headers.add(new Header("X-Connection-Request", Integer.toString(exchange.requestOnConnection())));
        }
        headers.add(new Header("X-Content-Type-Options", "nosniff"));
        Body body = body(ask, request, exchange, headers, controlled);
        if (!body.cacheControl().isEmpty()) {
            headers.add(new Header("Cache-Control", body.cacheControl()));
        }
        return new LabResponse(routeStatus, headers, body.contentType(), body.bytes(), exchange, label,
                fault.fault(), fault.effects());
    }

    private record Body(String cacheControl, String contentType, ResponseBody bytes) {
        Body(String cacheControl, String contentType, byte[] bytes) {
            this(cacheControl, contentType, new ResponseBody.Bytes(bytes));
        }

        static Body text(String message) {
            return new Body("", "text/plain;charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private Body body(Ask ask, LabRequest request, Exchange exchange, List<Header> headers, ControlAnswer controlled) {
        return switch (ask.route()) {
            case PAGE -> {
                headers.add(new Header("Content-Security-Policy", page.contentSecurityPolicy()));
                headers.add(new Header("Vary", "Accept-Language"));
                yield new Body(settings.cacheControl(), "text/html;charset=utf-8", new ResponseBody.Spliced(page.segments(
                        ask.query().override(), ask.query().languageFor(request), ask.query().language().isPresent()),
                        DemoPage.loadId(exchange.requestId())));
            }
            case IMAGE -> new Body(settings.cacheControl(), "image/jpeg", picture);
            case CONNECTIONS -> new Body("no-store", "application/json",
                    ConnectionsJson.render(history.snapshot(ask.query()::selects)).getBytes(StandardCharsets.UTF_8));
            case CONTROL -> {
                controlled.headers().forEach((name, value) -> headers.add(new Header(name, value)));
                yield new Body("no-store", controlled.status() == 204 ? null : ControlAnswer.CONTENT_TYPE, controlled.json());
            }
            case SUBMIT -> Body.text("Received " + request.bodyBytes() + " bytes.");
            case TOO_LARGE -> Body.text("Request body too large: " + SUBMIT_PATH + " takes at most " + MAX_SUBMIT_BYTES + " bytes.");
            case INCOMPLETE_BODY -> Body.text("Request body incomplete: the upload stopped before its end.");
            case NOT_FOUND -> Body.text("Not found: this lab serves its page at /, the 20 images it names, /connections, "
                    + SUBMIT_PATH + ", its client checks at " + ClientChecks.START + " and its control API under " + ControlApi.PREFIX + ".");
            case METHOD_NOT_ALLOWED -> {
                String allowed = ask.path().equals(SUBMIT_PATH) ? SUBMIT_METHODS : ALLOWED_METHODS;
                headers.add(new Header("Allow", allowed));
                yield Body.text("Method not allowed: use " + allowed + ".");
            }
            case BAD_REQUEST -> Body.text(ask.error());
            case CHECK -> {
                ask.check().headers().forEach(header -> headers.add(new Header(header.getKey(), header.getValue())));
                yield new Body("no-store", ask.check().contentType(), ask.check().body());
            }
        };
    }
}
