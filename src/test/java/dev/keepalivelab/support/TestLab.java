package dev.keepalivelab.support;

import dev.keepalivelab.server.LabServer;
import dev.keepalivelab.settings.Engine;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.settings.SettingSource;
import dev.keepalivelab.testing.LabTrust;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The embedded lab on a free loopback port, built by the same factory as the main, served by the engine that the
 * system property {@value #ENGINE_PROPERTY} names (default {@code core}): the build runs the wire tests once per engine.
 */
public final class TestLab implements AutoCloseable {
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** How long a test waits for the server to close a connection, or for its record to settle: a bound, not a target. */
    public static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    /** The size of the lab's first picture, {@code /test1.jpg}, in bytes. */
    public static final int IMAGE_BYTES = 31548;
    public static final String ENGINE_PROPERTY = "keepalivelab.engine";
    /** The engine every lab of this test run is served by. */
    public static final Engine ENGINE = Engine.fromValue(System.getProperty(ENGINE_PROPERTY, Engine.CORE.value()))
            .orElseThrow(() -> new IllegalArgumentException("-D" + ENGINE_PROPERTY + "=" + System.getProperty(ENGINE_PROPERTY)
                    + ": allowed is " + Setting.ENGINE.allowedValues()));

    private final Server server;
    /** The last {@link RawConnection#SEEN_KEPT} raw connections, whose responses the close checks. */
    private final java.util.ArrayDeque<RawConnection> sockets = new java.util.ArrayDeque<>();

    private TestLab(Server server) {
        this.server = server;
    }

    /** Starts the lab with these init-params (all others at their defaults). */
    public static TestLab start(Map<String, String> initParams) throws Exception {
        return start(initParams, DEFAULT_IDLE_TIMEOUT);
    }

    public static TestLab start(Map<String, String> initParams, Duration idleTimeout) throws Exception {
        return start(initParams, ServerSettings.of("127.0.0.1", 0, idleTimeout).with(Setting.ENGINE, ENGINE.value()));
    }

    public static TestLab start(Map<String, String> initParams, ServerSettings serverSettings) throws Exception {
        SettingSource.requireKnownInitParams(initParams.keySet());
        return start(LabSettings.from(SettingSource.initParams(initParams::get)), serverSettings);
    }

    public static TestLab start(LabSettings settings, ServerSettings serverSettings) throws Exception {
        Server server = LabServer.newServer(serverSettings, settings);
        LabServer.start(server);
        return new TestLab(server);
    }

    /** The lab at its defaults, also serving HTTPS on a free port with a self-signed certificate. */
    public static TestLab startHttps() throws Exception {
        return start(LabSettings.defaults(), httpsSettings());
    }

    /** This run's settings for a lab that also serves HTTPS on a free loopback port. */
    public static ServerSettings httpsSettings() {
        return httpsSettings(DEFAULT_IDLE_TIMEOUT);
    }

    /** This run's settings for a lab that also serves HTTPS on a free loopback port, both connectors with {@code idleTimeout}. */
    public static ServerSettings httpsSettings(Duration idleTimeout) {
        return ServerSettings.of("127.0.0.1", 0, idleTimeout).with(Setting.ENGINE, ENGINE.value()).with(Setting.HTTPS_PORT, "0");
    }

    public Server server() {
        return server;
    }

    public int port() {
        return LabServer.localPort(server);
    }

    public int httpsPort() {
        return LabServer.httpsPort(server).orElseThrow(() -> new IllegalStateException("this lab serves no HTTPS"));
    }

    /** The certificate the HTTPS connector presents. */
    public X509Certificate certificate() {
        return LabServer.tlsKeys(server).orElseThrow(() -> new IllegalStateException("this lab serves no HTTPS")).certificate();
    }

    /** A client TLS context that trusts exactly this lab's certificate. */
    public SSLContext trustingClientContext() throws Exception {
        return trusting(certificate());
    }

    /** A client TLS context that trusts exactly {@code certificate}. */
    public static SSLContext trusting(X509Certificate certificate) {
        return LabTrust.trusting(certificate);
    }

    /** A TLS connection to the HTTPS port, handshaken, that offered these ALPN protocols in this order. */
    public SSLSocket connectTls(String... alpnProtocols) throws Exception {
        return connectTls(httpsPort(), trustingClientContext(), alpnProtocols);
    }

    /** A TLS socket to {@code port}, trusting the lab's certificate and offering {@code alpnProtocols}, handshake done. */
    public SSLSocket connectTls(int port, String... alpnProtocols) throws Exception {
        return connectTls(port, trustingClientContext(), alpnProtocols);
    }

    /** A TLS connection to {@code port} of 127.0.0.1, handshaken with {@code tls}, that offered these ALPN protocols in this order. */
    public static SSLSocket connectTls(int port, SSLContext tls, String... alpnProtocols) throws Exception {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) RawConnection.READ_TIMEOUT.toMillis());
        socket.setSoTimeout((int) RawConnection.READ_TIMEOUT.toMillis());
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(alpnProtocols);
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name 127.0.0.1
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    /** Polls the plain connector until it has {@code count} open connections; false if it has not within {@code max}. */
    public boolean awaitOpenConnections(int count, Duration max) throws InterruptedException {
        return awaitOpenConnections(LabServer.HTTP_CONNECTOR, count, max);
    }

    /** Polls the HTTPS connector until it has {@code count} open connections; false if it has not within {@code max}. */
    public boolean awaitOpenHttpsConnections(int count, Duration max) throws InterruptedException {
        return awaitOpenConnections(LabServer.HTTPS_CONNECTOR, count, max);
    }

    /** The connections open on the connector named {@code connectorName} now. */
    public int openConnections(String connectorName) {
        return connector(connectorName).getConnectedEndPoints().size();
    }

    private boolean awaitOpenConnections(String connectorName, int count, Duration max) throws InterruptedException {
        ServerConnector connector = connector(connectorName);
        return Await.poll(max, () -> connector.getConnectedEndPoints().size() == count);
    }

    private ServerConnector connector(String name) {
        return Arrays.stream(server.getConnectors()).filter(c -> name.equals(c.getName())).map(ServerConnector.class::cast)
                .findFirst().orElseThrow(() -> new IllegalStateException("this lab has no connector " + name));
    }

    /** A raw connection whose every response is held against the lab's record when the lab closes. */
    public RawConnection connect() throws IOException {
        RawConnection socket = RawConnection.open(port());
        synchronized (sockets) {
            sockets.addLast(socket);
            if (sockets.size() > RawConnection.SEEN_KEPT) {
                sockets.removeFirst();
            }
        }
        return socket;
    }

    /** Stops the lab, after checking that its record says what this lab's raw connections saw (see {@link RecordMatchesSocket}). */
    @Override
    public void close() throws Exception {
        try {
            List<RawConnection> checked;
            synchronized (sockets) {
                checked = List.copyOf(sockets);
            }
            List<String> mismatches = server.isRunning() ? RecordMatchesSocket.mismatches(port(), checked) : List.of();
            if (!mismatches.isEmpty()) {
                throw new AssertionError("/connections does not say what the sockets saw:\n" + String.join("\n", mismatches));
            }
        } finally {
            server.stop();
        }
    }
}
