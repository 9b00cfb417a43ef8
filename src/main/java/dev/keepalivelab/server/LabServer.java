package dev.keepalivelab.server;

import dev.keepalivelab.lab.KeepAliveLab;
import dev.keepalivelab.lab.page.Listeners;
import dev.keepalivelab.lab.ServerCapabilities;
import dev.keepalivelab.server.socket.GoAway;
import dev.keepalivelab.server.socket.SocketControlHandler;
import dev.keepalivelab.server.socket.WatchedHttp2;
import dev.keepalivelab.server.socket.WatchedServerConnector;
import dev.keepalivelab.server.socket.WatchedSslConnectionFactory;
import dev.keepalivelab.servlet.KeepAliveLabServlet;
import dev.keepalivelab.lab.LabRequestAttributes;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.settings.Setting;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.IO;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
    public static final Duration SHUTDOWN_IDLE_TIMEOUT = GoAway.IDLE_AFTER_GOAWAY;
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
    /** The plain connector's name ({@code Connector.getName()}). */
    public static final String HTTP_CONNECTOR = "http";
    /** The HTTPS connector's name. */
    public static final String HTTPS_CONNECTOR = "https";
    /** The name of the HTTPS connector that offers HTTP/1.1 only. */
    public static final String HTTPS_HTTP1_CONNECTOR = "https-http1";
    /** Selector threads: Jetty's default for the processors the JVM may use. */
    private static final int DEFAULT_SELECTORS = -1;

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

        List<ConnectionFactory> plain = new ArrayList<>(List.of(new HttpConnectionFactory(httpConfig)));
        if (serverSettings.servesHttp2()) {
            plain.add(http2(WatchedHttp2.cleartext(httpConfig), serverSettings));
        }
        server.addConnector(connector(server, HTTP_CONNECTOR, serverSettings.port(), serverSettings, plain));
        if (serverSettings.httpsPort().isPresent() || serverSettings.httpsHttp1Port().isPresent()) {
            TlsKeys tls = keys.orElseGet(TlsKeys::selfSigned);
            server.addBean(tls, false);
            serverSettings.httpsPort().ifPresent(port -> server.addConnector(connector(server, HTTPS_CONNECTOR, port, serverSettings,
                    secure(httpConfig, tls, serverSettings, serverSettings.servesHttp2()))));
            serverSettings.httpsHttp1Port().ifPresent(port -> server.addConnector(connector(server, HTTPS_HTTP1_CONNECTOR, port,
                    serverSettings, secure(httpConfig, tls, serverSettings, false))));
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
        server.setHandler(new GracefulHandler(lab));
        server.setErrorHandler(new LabErrorHandler());
        server.setRequestLog(new ExchangeRecorder(serverSettings.requestTimeout().isPresent(),
                serverSettings.accessLog().map(target -> LabAccessLog.to(target, System.out))));
        server.setStopTimeout(STOP_TIMEOUT.toMillis());
        return server;
    }

    private static ServerConnector connector(Server server, String name, int port, ServerSettings settings,
                                             List<ConnectionFactory> factories) {
        ServerConnector connector = new WatchedServerConnector(server, ACCEPTORS, DEFAULT_SELECTORS, factories.toArray(ConnectionFactory[]::new));
        connector.setName(name);
        connector.setHost(settings.host());
        connector.setPort(port);
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        connector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
        connector.setShutdownIdleTimeout(SHUTDOWN_IDLE_TIMEOUT.toMillis());
        return connector;
    }

    /** TLS, then by ALPN h2 (where {@code offerH2}) or HTTP/1.1, with the plain connector's configuration. */
    private static List<ConnectionFactory> secure(HttpConfiguration plainConfig, TlsKeys keys, ServerSettings settings,
                                                  boolean offerH2) {
        HttpConfiguration config = new HttpConfiguration(plainConfig);
        config.setSecureScheme("https");
        // No SNI host check: clients connect to 127.0.0.1 while the certificate names localhost too.
        config.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
        HttpConnectionFactory http11 = new HttpConnectionFactory(config);
        List<ConnectionFactory> protocols = new ArrayList<>();
        if (offerH2) {
            protocols.add(http2(WatchedHttp2.overTls(config), settings));
        }
        protocols.add(http11);
        // ALPN names the protocols in lower case (RFC 7301), and the JDK matches them exactly: "http/1.1", not "HTTP/1.1".
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(protocols.stream()
                .map(f -> f.getProtocol().toLowerCase(Locale.ROOT)).toArray(String[]::new));
        alpn.setDefaultProtocol(http11.getProtocol());

        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(keys.keyStore());
        tls.setKeyStorePassword(keys.password());
        tls.setKeyManagerPassword(keys.password());
        tls.setCertAlias(keys.alias());
        tls.setCipherComparator(HTTP2Cipher.COMPARATOR);

        List<ConnectionFactory> factories = new ArrayList<>(List.of(new WatchedSslConnectionFactory(tls, alpn.getProtocol()), alpn));
        factories.addAll(protocols);
        return factories;
    }

    /**
     * Jetty's rate control stays its default, 128 frame events a second per connection ({@code WindowRateControl}): it
     * closes a rapid-reset, SETTINGS or refused-stream flood within its first second ({@code Http2AbuseWireTest}).
     */
    private static ConnectionFactory http2(AbstractHTTP2ServerConnectionFactory factory, ServerSettings settings) {
        factory.setMaxConcurrentStreams(settings.maxConcurrentStreams());
        return factory;
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

    private static Optional<ServerConnector> connector(Server server, String name) {
        return Arrays.stream(server.getConnectors()).filter(c -> name.equals(c.getName())).map(ServerConnector.class::cast).findFirst();
    }
}
