package dev.keepalivelab.server;

import dev.keepalivelab.server.socket.WatchedHttp2;
import dev.keepalivelab.server.socket.WatchedServerConnector;
import dev.keepalivelab.server.socket.WatchedSslConnectionFactory;
import dev.keepalivelab.settings.ServerSettings;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The lab's connectors, each on a watched socket: the plain port's and the HTTPS ports', as the settings ask. */
final class LabConnectors {
    /**
     * The listen backlog: connections the kernel completes before Jetty accepts them. Jetty's default (0) leaves
     * the JDK's 50, which a burst of connects overflows, so that clients stall in SYN retries (1 s, 3 s, ...).
     * Linux caps it at net.core.somaxconn (4096 by default).
     */
    static final int ACCEPT_QUEUE_SIZE = 1024;
    /**
     * No acceptor threads: the selector accepts new connections itself. An acceptor thread blocks in accept() and
     * hands every connection to a selector thread, a thread hand-off that a new connection per request pays on every
     * request (measured: about 20 % more requests per second under {@code --connection close} on one core).
     */
    static final int ACCEPTORS = 0;
    /** Selector threads: Jetty's default for the processors the JVM may use. */
    private static final int DEFAULT_SELECTORS = -1;

    private final Server server;
    private final ServerSettings settings;
    private final HttpConfiguration httpConfig;

    LabConnectors(Server server, ServerSettings settings, HttpConfiguration httpConfig) {
        this.server = server;
        this.settings = settings;
        this.httpConfig = httpConfig;
    }

    /** The plain port's connector: HTTP/1.x, and h2c where the server offers HTTP/2. */
    ServerConnector plain(String name, int port) {
        List<ConnectionFactory> factories = new ArrayList<>(List.of(new HttpConnectionFactory(httpConfig)));
        if (settings.servesHttp2()) {
            factories.add(http2(WatchedHttp2.cleartext(httpConfig)));
        }
        return connector(name, port, factories);
    }

    /** An HTTPS port's connector: TLS with {@code keys}, then by ALPN h2 (where {@code offerH2}) or HTTP/1.1. */
    ServerConnector secure(String name, int port, TlsKeys keys, boolean offerH2) {
        return connector(name, port, secureFactories(keys, offerH2));
    }

    private ServerConnector connector(String name, int port, List<ConnectionFactory> factories) {
        ServerConnector connector = new WatchedServerConnector(server, ACCEPTORS, DEFAULT_SELECTORS, factories.toArray(ConnectionFactory[]::new));
        connector.setName(name);
        connector.setHost(settings.host());
        connector.setPort(port);
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        connector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
        connector.setShutdownIdleTimeout(LabServer.SHUTDOWN_IDLE_TIMEOUT.toMillis());
        return connector;
    }

    /** TLS, then by ALPN h2 (where {@code offerH2}) or HTTP/1.1, with the plain connector's configuration. */
    private List<ConnectionFactory> secureFactories(TlsKeys keys, boolean offerH2) {
        HttpConfiguration config = new HttpConfiguration(httpConfig);
        config.setSecureScheme("https");
        // No SNI host check: clients connect to 127.0.0.1 while the certificate names localhost too.
        config.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
        HttpConnectionFactory http11 = new HttpConnectionFactory(config);
        List<ConnectionFactory> protocols = new ArrayList<>();
        if (offerH2) {
            protocols.add(http2(WatchedHttp2.overTls(config)));
        }
        protocols.add(http11);
        // ALPN names the protocols in lower case (RFC 7301), and the JDK matches them exactly: "http/1.1", not "HTTP/1.1".
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(protocols.stream()
                .map(f -> f.getProtocol().toLowerCase(Locale.ROOT)).toArray(String[]::new));
        alpn.setDefaultProtocol(http11.getProtocol());

        List<ConnectionFactory> factories = new ArrayList<>(List.of(new WatchedSslConnectionFactory(tls(keys), alpn.getProtocol()), alpn));
        factories.addAll(protocols);
        return factories;
    }

    /** TLS with {@code keys}, HTTP/2's ciphers first. */
    static SslContextFactory.Server tls(TlsKeys keys) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(keys.keyStore());
        tls.setKeyStorePassword(keys.password());
        tls.setKeyManagerPassword(keys.password());
        tls.setCertAlias(keys.alias());
        tls.setCipherComparator(HTTP2Cipher.COMPARATOR);
        return tls;
    }

    /**
     * Jetty's rate control stays its default, 128 frame events a second per connection ({@code WindowRateControl}): it
     * closes a rapid-reset, SETTINGS or refused-stream flood within its first second ({@code Http2AbuseWireTest}).
     */
    private ConnectionFactory http2(AbstractHTTP2ServerConnectionFactory factory) {
        factory.setMaxConcurrentStreams(settings.maxConcurrentStreams());
        return factory;
    }
}
