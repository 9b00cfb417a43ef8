package dev.keepalivelab.embedded;

import dev.keepalivelab.lab.KeepAliveLab;
import dev.keepalivelab.lab.ServerCapabilities;
import dev.keepalivelab.servlet.KeepAliveLabServlet;
import dev.keepalivelab.lab.LabRequestAttributes;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.settings.Setting;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;

import java.time.Duration;

/** Builds the embedded Jetty server that the main and the tests run: one factory, so both run the same server. */
public final class LabServer {
    public static final String SERVLET_NAME = "keepalive-lab";
    /** How long a graceful stop waits for in-flight responses before closing what is left. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /**
     * The idle timeout of every connection once a stop begins (Jetty's default, made explicit): idle connections
     * close at once, and a response whose client stopped reading is cut after this rather than holding the stop.
     */
    public static final Duration SHUTDOWN_IDLE_TIMEOUT = Duration.ofSeconds(1);
    /**
     * The listen backlog: connections the kernel completes before Jetty accepts them. Jetty's default (0) leaves
     * the JDK's 50, which a burst of connects overflows, so that clients stall in SYN retries (1 s, 3 s, ...).
     * Linux caps it at net.core.somaxconn (4096 by default).
     */
    public static final int ACCEPT_QUEUE_SIZE = 1024;
    /**
     * No acceptor threads: the selector accepts new connections itself. An acceptor thread blocks in accept() and
     * hands every connection to a selector thread, a thread hand-off that a new connection per request pays on every
     * request (measured: about 20 % more requests per second under {@code --connection close} on one core).
     */
    public static final int ACCEPTORS = 0;
    /** Selector threads: Jetty's default for the processors the JVM may use. */
    private static final int DEFAULT_SELECTORS = -1;

    private LabServer() {
    }

    public static Server newServer(ServerSettings serverSettings, LabSettings labSettings) {
        Server server = new Server();

        HttpConfiguration httpConfig = new HttpConfiguration();
        httpConfig.setSendServerVersion(false);
        httpConfig.setSendXPoweredBy(false);
        httpConfig.setPersistentConnectionsEnabled(!serverSettings.noKeepAlive());
        // Jetty applies the HttpConfiguration idle timeout while a request is handled and restores the
        // connector's afterwards: exactly a request timeout distinct from the keep-alive idle timeout.
        serverSettings.requestTimeout().ifPresent(timeout -> httpConfig.setIdleTimeout(timeout.toMillis()));
        ServerConnector connector = new WatchedServerConnector(server, ACCEPTORS, DEFAULT_SELECTORS, new HttpConnectionFactory(httpConfig));
        connector.setHost(serverSettings.host());
        connector.setPort(serverSettings.port());
        connector.setIdleTimeout(serverSettings.idleTimeout().toMillis());
        connector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
        connector.setShutdownIdleTimeout(SHUTDOWN_IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);
        if (serverSettings.maxConnections() > 0) {
            server.addBean(new NetworkConnectionLimit(serverSettings.maxConnections(), connector));
        }

        boolean persistent = httpConfig.isPersistentConnectionsEnabled();
        Handler lab = switch (serverSettings.engine()) {
            case CORE -> new LabHandler(new KeepAliveLab(labSettings, new ServerCapabilities(!persistent, true, true)));
            case SERVLET -> new AsteriskFormHandler(servletContext(labSettings, persistent));
        };
        server.setHandler(new GracefulHandler(lab));
        server.setErrorHandler(new LabErrorHandler());
        server.setRequestLog(new ExchangeRecorder(serverSettings.requestTimeout().isPresent(),
                serverSettings.accessLog().map(target -> LabAccessLog.to(target, System.out))));
        server.setStopTimeout(STOP_TIMEOUT.toMillis());
        return server;
    }

    private static ServletContextHandler servletContext(LabSettings labSettings, boolean persistentConnectionsEnabled) {
        ServletContextHandler context = new ServletContextHandler("/");
        context.setAttribute(LabRequestAttributes.PERSISTENT_CONNECTIONS_ENABLED, persistentConnectionsEnabled);
        context.setAttribute(LabRequestAttributes.SERVER_REPORTS_CONNECTIONS, Boolean.TRUE);
        ServletHolder holder = new ServletHolder(SERVLET_NAME, KeepAliveLabServlet.class);
        for (Setting setting : Setting.inScope(Setting.Scope.SERVLET)) {
            holder.setInitParameter(setting.paramName(), labSettings.valueOf(setting));
        }
        holder.setInitOrder(1);
        context.addServlet(holder, "/");
        return context;
    }

    /** The port the server's connector listens on, once started. */
    public static int localPort(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }
}
