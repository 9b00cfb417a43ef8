package dev.keepalivelab.bench;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Consumer;

/**
 * Which server certificates the bench's client accepts. Each client gets its own {@link SSLContext}, whose trust
 * manager also reports every certificate check: a full handshake checks the server's certificate, a resumed one
 * has none to check, which is how the bench tells them apart whatever the TLS version.
 */
final class TlsTrust {
    private final X509ExtendedTrustManager base;
    private final boolean checksHostname;

    private TlsTrust(X509ExtendedTrustManager base, boolean checksHostname) {
        this.base = base;
        this.checksHostname = checksHostname;
    }

    /** The JDK's trusted CAs, and the certificate must name the host: what a browser accepts. */
    static TlsTrust system() {
        return new TlsTrust(trustManager(null), true);
    }

    /** Only this certificate, for the host it names: the in-process lab's self-signed one. */
    static TlsTrust pinned(X509Certificate certificate) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("lab", certificate);
            return new TlsTrust(trustManager(store), true);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("An in-memory keystore takes any certificate", e);
        }
    }

    /** Any certificate for any host: {@code --insecure}, like {@code curl -k}. */
    static TlsTrust any() {
        return new TlsTrust(new AcceptAll(), false);
    }

    /** Whether a handshake must check the certificate's name; Jetty's client engines always ask, and {@link AcceptAll} ignores it. */
    boolean checksHostname() {
        return checksHostname;
    }

    /** A context whose trust manager calls {@code fullHandshake} with the engine of every handshake that checked the server's certificate. */
    SSLContext newContext(Consumer<SSLEngine> fullHandshake) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Reporting(base, fullHandshake)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK provides TLS", e);
        }
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new IllegalStateException("The JDK's trust manager factory made no X509ExtendedTrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK provides its default trust manager", e);
        }
    }

    private static final class Reporting extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private final Consumer<SSLEngine> fullHandshake;

        Reporting(X509ExtendedTrustManager delegate, Consumer<SSLEngine> fullHandshake) {
            this.delegate = delegate;
            this.fullHandshake = fullHandshake;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            fullHandshake.accept(engine);
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    private static final class AcceptAll extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
