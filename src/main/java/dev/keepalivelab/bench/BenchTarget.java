package dev.keepalivelab.bench;

import dev.keepalivelab.server.LabServer;
import dev.keepalivelab.server.TlsKeys;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.settings.Setting;
import org.eclipse.jetty.server.Server;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The page the bench loads: the URL given, or the lab's page on an in-process lab that this target owns (over
 * HTTPS with {@code --tls}, with a self-signed certificate that only this bench trusts).
 */
final class BenchTarget implements AutoCloseable {
    static final Duration LAB_IDLE_TIMEOUT = Duration.ofSeconds(30);

    private final URI url;
    private final Server lab;
    private final Optional<TlsTrust> trust;

    private BenchTarget(URI url, Server lab, Optional<TlsTrust> trust) {
        this.url = url;
        this.lab = lab;
        this.trust = trust;
    }

    static BenchTarget of(BenchConfig config) throws Exception {
        if (config.url().isPresent()) {
            URI url = config.url().get();
            Optional<TlsTrust> trust = !url.getScheme().equals("https") ? Optional.empty()
                    : Optional.of(config.insecure() ? TlsTrust.any() : TlsTrust.system());
            return new BenchTarget(url, null, trust);
        }
        ServerSettings settings = ServerSettings.of("127.0.0.1", 0, LAB_IDLE_TIMEOUT);
        if (!config.tls()) {
            Server lab = LabServer.newServer(settings, LabSettings.defaults());
            lab.start();
            return new BenchTarget(URI.create("http://127.0.0.1:" + LabServer.localPort(lab) + "/"), lab, Optional.empty());
        }
        TlsKeys keys = TlsKeys.selfSigned();
        Server lab = LabServer.newServer(settings.with(Setting.HTTPS_PORT, "0"), LabSettings.defaults(), Optional.of(keys));
        lab.start();
        return new BenchTarget(URI.create("https://127.0.0.1:" + LabServer.httpsPort(lab).getAsInt() + "/"), lab,
                Optional.of(config.insecure() ? TlsTrust.any() : TlsTrust.pinned(keys.certificate())));
    }

    URI url() {
        return url;
    }

    boolean inProcessLab() {
        return lab != null;
    }

    /** The certificates the client accepts; empty for http://. */
    Optional<TlsTrust> trust() {
        return trust;
    }

    /** The URL's port, or its scheme's. */
    int port() {
        return url.getPort() != -1 ? url.getPort() : url.getScheme().equals("https") ? 443 : 80;
    }

    /** The host's address, resolved; {@link TargetProbe} connects to it first. */
    InetSocketAddress resolvedAddress() throws BenchFailure {
        InetSocketAddress address = new InetSocketAddress(url.getHost(), port());
        if (address.isUnresolved()) {
            throw new BenchFailure("cannot resolve the host " + url.getHost() + " of " + url);
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
