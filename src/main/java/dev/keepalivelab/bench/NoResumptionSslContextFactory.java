package dev.keepalivelab.bench;

import org.eclipse.jetty.util.ssl.SslContextFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import java.util.function.Supplier;

/**
 * Makes every client connection's engine from a context of its own, whose session cache is empty: the handshake
 * is a full one, as on a first visit, while the engine still knows the host (for SNI and the certificate's name
 * check). Jetty's own switch, {@code setSessionCachingEnabled(false)}, drops the host too.
 */
final class NoResumptionSslContextFactory extends SslContextFactory.Client {
    private final Supplier<SSLContext> freshContext;

    NoResumptionSslContextFactory(Supplier<SSLContext> freshContext) {
        this.freshContext = freshContext;
        setSslContext(freshContext.get());
    }

    @Override
    public SSLEngine newSSLEngine(String host, int port) {
        SSLEngine engine = freshContext.get().createSSLEngine(host, port);
        customize(engine);
        return engine;
    }
}
