package dev.keepalivelab.support;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/**
 * A client's trust that takes any certificate, as {@code curl -k} does: for tests that read whatever certificate a
 * server presents (the lab's, nginx's self-signed one). Host name checks stay the client's.
 */
public final class TrustEveryCertificate implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    /** A client TLS context with this trust. */
    public static SSLContext context() throws GeneralSecurityException {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[]{new TrustEveryCertificate()}, null);
        return tls;
    }
}
