package dev.keepalivelab.bench;

import dev.keepalivelab.embedded.LabServer;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.ServerSettings;
import org.eclipse.jetty.server.Server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The page the bench loads: the URL given, or the lab's page on an in-process lab that this target owns. */
final class BenchTarget implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final Server lab;

    private BenchTarget(URI url, Server lab) {
        this.url = url;
        this.lab = lab;
    }

    static BenchTarget of(Optional<URI> url) throws Exception {
        if (url.isPresent()) {
            return new BenchTarget(url.get(), null);
        }
        Server lab = LabServer.newServer(ServerSettings.of("127.0.0.1", 0, Duration.ofSeconds(30)),
                LabSettings.defaults());
        lab.start();
        return new BenchTarget(URI.create("http://127.0.0.1:" + LabServer.localPort(lab) + "/"), lab);
    }

    URI url() {
        return url;
    }

    boolean inProcessLab() {
        return lab != null;
    }

    /** The host's address, once a TCP connection to it has succeeded. */
    InetSocketAddress reachableAddress() throws BenchFailure {
        String host = url.getHost();
        int port = url.getPort() == -1 ? 80 : url.getPort();
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new BenchFailure("cannot resolve the host " + host + " of " + url);
        }
        try (Socket probe = new Socket()) {
            probe.connect(address, (int) CONNECT_TIMEOUT.toMillis());
        } catch (IOException e) {
            throw new BenchFailure("cannot connect to " + host + ":" + port + " for " + url + ": " + BenchCommand.describe(e));
        }
        return address;
    }

    @Override
    public void close() throws Exception {
        if (lab != null) {
            lab.stop();
        }
    }
}
