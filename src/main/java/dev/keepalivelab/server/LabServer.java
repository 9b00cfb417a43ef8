package dev.keepalivelab.server;

import dev.keepalivelab.lab.KeepAliveLab;
import dev.keepalivelab.lab.page.Listeners;
import dev.keepalivelab.lab.ServerCapabilities;
import dev.keepalivelab.server.socket.SocketControlHandler;
import dev.keepalivelab.servlet.KeepAliveLabServlet;
import dev.keepalivelab.lab.LabRequestAttributes;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.settings.Setting;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.IO;
import org.eclipse.jetty.util.component.LifeCycle;

import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

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
    /** The plain connector's name ({@code Connector.getName()}). */
    public static final String HTTP_CONNECTOR = "http";
    /** The HTTPS connector's name. */
    public static final String HTTPS_CONNECTOR = "https";
    /** The name of the HTTPS connector that offers HTTP/1.1 only. */
    public static final String HTTPS_HTTP1_CONNECTOR = "https-http1";
    private LabServer() {
    }

    /** The server, with a self-signed certificate made now if it serves HTTPS. */
    public static Server newServer(ServerSettings serverSettings, LabSettings labSettings) {
        return newServer(serverSettings, labSettings, Optional.empty());
    }

    /**
     * The server; if it serves HTTPS ({@code --https-port}), with {@code keys}, or else a self-signed certificate made
     * now. The keys in use are {@link #tlsKeys(Server)}.
     */
    public static Server newServer(ServerSettings serverSettings, LabSettings labSettings, Optional<TlsKeys> keys) {
        Server server = new Server();

        HttpConfiguration httpConfig = new HttpConfiguration();
        httpConfig.setSendServerVersion(false);
        httpConfig.setSendXPoweredBy(false);
        httpConfig.setPersistentConnectionsEnabled(!serverSettings.noKeepAlive());
        // Jetty applies the HttpConfiguration idle timeout while a request is handled and restores the
        // connector's afterwards: exactly a request timeout distinct from the keep-alive idle timeout.
        // HTTP/2 streams get it the same way.
        serverSettings.requestTimeout().ifPresent(timeout -> httpConfig.setIdleTimeout(timeout.toMillis()));

        LabConnectors connectors = new LabConnectors(server, serverSettings, httpConfig);
        server.addConnector(connectors.plain(HTTP_CONNECTOR, serverSettings.port()));
        if (serverSettings.httpsPort().isPresent() || serverSettings.httpsHttp1Port().isPresent()) {
            TlsKeys tls = keys.orElseGet(TlsKeys::selfSigned);
            server.addBean(tls, false);
            serverSettings.httpsPort().ifPresent(port -> server.addConnector(
                    connectors.secure(HTTPS_CONNECTOR, port, tls, serverSettings.servesHttp2())));
            serverSettings.httpsHttp1Port().ifPresent(port -> server.addConnector(
                    connectors.secure(HTTPS_HTTP1_CONNECTOR, port, tls, false)));
        }
        if (serverSettings.maxConnections() > 0) {
            server.addBean(new NetworkConnectionLimit(serverSettings.maxConnections(), server.getConnectors()));
        }

        boolean persistent = httpConfig.isPersistentConnectionsEnabled();
        Handler lab;
        Consumer<Listeners> announce;
        switch (serverSettings.engine()) {
            case CORE -> {
                KeepAliveLab core = new KeepAliveLab(labSettings, new ServerCapabilities(!persistent, true, true, true));
                server.addBean(core, false);
                lab = new LabHandler(core);
                announce = core::listeningOn;
            }
            case SERVLET -> {
                ServletContextHandler context = servletContext(labSettings, persistent);
                lab = new SocketControlHandler(new AsteriskFormHandler(context));
                announce = listeners -> context.setAttribute(LabRequestAttributes.LISTENERS, listeners.attribute());
            }
            default -> throw new IllegalArgumentException("No such engine: " + serverSettings.engine());
        }
        // The ports are known once the connectors are open, which with port 0 is only after the start.
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarted(LifeCycle started) {
                announce.accept(new Listeners(httpsPort(server), httpsHttp1Port(server)));
            }
        });
        server.setHandler(new ServeDuringStop(lab));
        server.addBean(new RefuseNewConnections(server));
        PrefaceFirstGoAway.install(server);
        server.setErrorHandler(new LabErrorHandler());
        server.setRequestLog(new ExchangeRecorder(serverSettings.requestTimeout().isPresent(),
                serverSettings.accessLog().map(target -> LabAccessLog.to(target, System.out))));
        server.setStopTimeout(STOP_TIMEOUT.toMillis());
        return server;
    }

    /**
     * Starts the server, opening each connector first so that a failure says which one and why, in words
     * ({@link StartFailure}); an access log that cannot be written is one too.
     */
    public static void start(Server server) throws Exception {
        List<ServerConnector> opened = new ArrayList<>();
        try {
            for (Connector c : server.getConnectors()) {
                ServerConnector connector = (ServerConnector) c;
                try {
                    connector.open();
                } catch (Exception e) {
                    throw StartFailure.cannotListen(connector.getHost(), connector.getPort(),
                            flagOf(connector), e);
                }
                opened.add(connector);
            }
            server.start();
        } catch (Exception e) {
            opened.forEach(LabServer::release);
            throw StartFailure.within(e).map(Exception.class::cast).orElse(e);
        }
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
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/");
        return context;
    }

    /** Closes an opened connector's port, which with no acceptors only a started selector would close. */
    private static void release(ServerConnector connector) {
        if (connector.getTransport() instanceof Closeable channel) {
            IO.close(channel);
        }
        connector.close();
    }

    private static Optional<String> flagOf(ServerConnector connector) {
        return switch (connector.getName()) {
            case HTTPS_CONNECTOR -> Optional.of(Setting.HTTPS_PORT.flag());
            case HTTPS_HTTP1_CONNECTOR -> Optional.of(Setting.HTTPS_HTTP1_PORT.flag());
            default -> Optional.empty();
        };
    }

    /** The port the server's plain HTTP connector listens on, once started. */
    public static int localPort(Server server) {
        return connector(server, HTTP_CONNECTOR).orElseThrow().getLocalPort();
    }

    /** The port the server's HTTPS connector listens on, once started; empty without {@code --https-port}. */
    public static OptionalInt httpsPort(Server server) {
        return connector(server, HTTPS_CONNECTOR).map(c -> OptionalInt.of(c.getLocalPort())).orElse(OptionalInt.empty());
    }

    /** The port of the HTTPS connector that offers HTTP/1.1 only, once started; empty without {@code --https-http1-port}. */
    public static OptionalInt httpsHttp1Port(Server server) {
        return connector(server, HTTPS_HTTP1_CONNECTOR).map(c -> OptionalInt.of(c.getLocalPort())).orElse(OptionalInt.empty());
    }

    /** The HTTPS connectors' keys; empty without {@code --https-port} or {@code --https-http1-port}. */
    public static Optional<TlsKeys> tlsKeys(Server server) {
        return Optional.ofNullable(server.getBean(TlsKeys.class));
    }

    /** The lab a core-engine server serves, for a caller in the same process (the check command); empty on the servlet engine. */
    public static Optional<KeepAliveLab> lab(Server server) {
        return Optional.ofNullable(server.getBean(KeepAliveLab.class));
    }

    private static Optional<ServerConnector> connector(Server server, String name) {
        return Arrays.stream(server.getConnectors()).filter(c -> name.equals(c.getName())).map(ServerConnector.class::cast).findFirst();
    }
}
