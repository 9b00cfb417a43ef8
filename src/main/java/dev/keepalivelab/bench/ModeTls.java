package dev.keepalivelab.bench;

import org.eclipse.jetty.util.ssl.SslContextFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import java.util.Collections;
import java.util.Optional;

/**
 * The TLS side of one client mode's HttpClient: close-resumed shares one context, whose sessions a new connection
 * resumes; the other modes make a context per connection, so that every handshake is a full one. Every context
 * reports its full handshakes to the tracker.
 *
 * <p>close-resumed speaks TLS 1.2, whose session any number of connections may resume at once, so that every
 * connection after a page load's first resumes. Over TLS 1.3 on Java 17 the client uses a ticket once and the JDK's
 * server sends one per handshake (Java 17 has no setting for more), so of the connections opened at once only one
 * finds a ticket.
 */
final class ModeTls {
    /** The TLS version close-resumed asks for. */
    static final String RESUMED_PROTOCOL = "TLSv1.2";
    private final SslContextFactory.Client sslContextFactory;
    /** close-resumed's one context, whose session cache it empties at each page load; empty for the other modes. */
    private final Optional<SSLContext> shared;

    private ModeTls(SslContextFactory.Client sslContextFactory, Optional<SSLContext> shared) {
        this.sslContextFactory = sslContextFactory;
        this.shared = shared;
    }

    static ModeTls of(ClientMode mode, TlsTrust trust, ConnectionTracker tracker) {
        if (mode.resumesTls()) {
            SSLContext context = trust.newContext(tracker::fullHandshake);
            SslContextFactory.Client sslContextFactory = new SslContextFactory.Client();
            sslContextFactory.setSslContext(context);
            sslContextFactory.setIncludeProtocols(RESUMED_PROTOCOL);
            return new ModeTls(sslContextFactory, Optional.of(context));
        }
        return new ModeTls(new NoResumptionSslContextFactory(() -> trust.newContext(tracker::fullHandshake)), Optional.empty());
    }

    SslContextFactory.Client sslContextFactory() {
        return sslContextFactory;
    }

    /** Makes the page load start as a first visit does: with no TLS session to resume, so that its first handshake is a full one. */
    void forgetSessions() {
        SSLSessionContext sessions = shared.orElseThrow().getClientSessionContext();
        for (byte[] id : Collections.list(sessions.getIds())) {
            SSLSession session = sessions.getSession(id);
            if (session != null) {
                session.invalidate();
            }
        }
    }
}
