package dev.keepalivelab.testing;

import dev.keepalivelab.server.LabServer;
import org.eclipse.jetty.server.Server;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * The lab, started in this JVM for a test: {@code try (var lab = KeepAliveLabServer.start()) { ... lab.url("/test1.jpg") ... }}.
 * The same server as {@code java -jar keepalive-lab.jar}, on 127.0.0.1 and a free port, configured by a
 * {@link LabConfig}; its faults and record are driven through the control API by its {@link #client()}.
 */
public final class KeepAliveLabServer implements AutoCloseable {
    private final Server server;
    private final LabConfig config;
    private final LabClient client;

    private KeepAliveLabServer(Server server, LabConfig config) {
        this.server = server;
        this.config = config;
        this.client = LabClient.of(url("/"));
    }

    /** The lab at its defaults, listening on 127.0.0.1 on a free port. */
    public static KeepAliveLabServer start() {
        return start(LabConfig.defaults());
    }

    /** The lab with {@code config}; fails with the reason in words if it cannot listen. */
    public static KeepAliveLabServer start(LabConfig config) {
        Server server = LabServer.newServer(config.serverSettings(), config.labSettings());
        try {
            LabServer.start(server);
        } catch (Exception e) {
            throw new IllegalStateException("The lab did not start: " + e.getMessage(), e);
        }
        return new KeepAliveLabServer(server, config);
    }

    /** The settings it runs with. */
    public LabConfig config() {
        return config;
    }

    /** The plain HTTP port. */
    public int port() {
        return LabServer.localPort(server);
    }

    /** The HTTPS port, where {@link LabConfig#https()} asked for one. */
    public OptionalInt httpsPort() {
        return LabServer.httpsPort(server);
    }

    /** {@code path} (with any query) on the plain port, e.g. {@code url("/test1.jpg")} is {@code http://127.0.0.1:PORT/test1.jpg}. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port()).resolve(path);
    }

    /** {@code path} on the HTTPS port (HTTP/2 by ALPN unless it is off); fails where the lab serves no HTTPS. */
    public URI httpsUrl(String path) {
        int port = httpsPort().orElseThrow(() -> new IllegalStateException("This lab serves no HTTPS: start it with LabConfig.https()"));
        return URI.create("https://127.0.0.1:" + port).resolve(path);
    }

    /** The certificate the HTTPS port presents (self-signed, for localhost, 127.0.0.1 and ::1). */
    public X509Certificate certificate() {
        return LabServer.tlsKeys(server).orElseThrow(() -> new IllegalStateException("This lab serves no HTTPS: start it with LabConfig.https()"))
                .certificate();
    }

    /** A TLS context that trusts exactly this lab's certificate, for a client of {@link #httpsUrl(String)}. */
    public SSLContext sslContext() {
        return LabTrust.trusting(certificate());
    }

    /** The client of this lab's control API and record. */
    public LabClient client() {
        return client;
    }

    /** Arms {@code fault}; see {@link LabClient#arm(FaultSpec)}. */
    public FaultStatus arm(FaultSpec fault) {
        return client.arm(fault);
    }

    /** Disarms every armed fault. */
    public void disarmAll() {
        client.disarmAll();
    }

    /** Empties the record. */
    public void clearRecord() {
        client.clearRecord();
    }

    /** The record now, without the harness's own requests; see {@link LabClient#record()}. */
    public LabRecord record() {
        return client.record();
    }

    /** The requests of the clients under test the record holds now (not the harness's own). */
    public List<RecordedRequest> requests() {
        return record().requests();
    }

    /** The connection labelled {@code label} once it has closed; see {@link LabClient#awaitClosed(String, Duration)}. */
    public RecordedConnection awaitClosed(String label, Duration timeout) {
        return client.awaitClosed(label, timeout);
    }

    /** Stops the lab: in-flight responses get {@link LabServer#STOP_TIMEOUT} to finish, then every connection closes. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("The lab did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
