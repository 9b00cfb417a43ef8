package dev.keepalivelab.tls;

import dev.keepalivelab.server.LabServer;
import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.support.LabWar;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocket;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.keepalivelab.support.TestLab.CLOSE_WAIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTPS on the wire: HTTP/1.1 keep-alive over TLS, ALPN's choice, the self-signed certificate, the connector controls. */
class HttpsWireTest {
    /** How long a TLS handshake beyond the connection cap is watched for an answer that must not come. */
    static final Duration UNANSWERED = Duration.ofMillis(500);

    @Test
    void http11OverTlsKeepsTheConnectionForASecondResponse() throws Exception {
        try (TestLab lab = TestLab.startHttps(); SSLSocket socket = lab.connectTls("http/1.1")) {
            assertEquals("http/1.1", socket.getApplicationProtocol());
            RawConnection connection = RawConnection.over(socket);
            RawResponse first = connection.get("/test1.jpg");
            assertEquals(200, first.status());
            assertArrayEquals(LabWar.picture(), first.body());
            RawResponse second = connection.get("/test2.jpg");
            assertEquals(200, second.status(), "second response on the same TLS socket");
            assertEquals(Optional.of("2"), second.header("X-Connection-Request"), second.toString());
        }
    }

    /**
     * The listener that offers HTTP/1.1 only: a client offering h2 gets http/1.1 there, with the same certificate, and
     * the page names both HTTPS ports so that its links reach the three cases.
     */
    @Test
    void theHttp1OnlyListenerNeverOffersH2AndThePageLinksBothPorts() throws Exception {
        try (TestLab lab = TestLab.start(Map.of(), TestLab.httpsSettings().with(Setting.HTTPS_HTTP1_PORT, "0"))) {
            int http1 = LabServer.httpsHttp1Port(lab.server()).orElseThrow();
            try (SSLSocket socket = lab.connectTls(http1, "h2", "http/1.1")) {
                assertEquals("http/1.1", socket.getApplicationProtocol());
                RawConnection connection = RawConnection.over(socket);
                assertEquals(200, connection.get("/test1.jpg").status());
                String page = connection.get("/").bodyText();
                assertTrue(page.contains("data-https=\"" + lab.httpsPort() + "\" data-https-http1=\"" + http1 + "\""), page);
            }
            try (SSLSocket socket = lab.connectTls("h2", "http/1.1")) {
                assertEquals("h2", socket.getApplicationProtocol(), "the main HTTPS port still offers h2");
            }
        }
    }

    @Test
    void alpnSelectsH2WhenOfferedAndHttp11WhenNot() throws Exception {
        try (TestLab lab = TestLab.startHttps()) {
            try (SSLSocket socket = lab.connectTls("h2", "http/1.1")) {
                assertEquals("h2", socket.getApplicationProtocol());
            }
            try (SSLSocket socket = lab.connectTls("http/1.1", "h2")) {
                assertEquals("h2", socket.getApplicationProtocol(), "the server prefers h2, whatever the client's order");
            }
        }
    }

    @Test
    void http2OffMakesAlpnPickHttp11() throws Exception {
        try (TestLab lab = TestLab.start(Map.of(), TestLab.httpsSettings().with(Setting.HTTP2, "off"));
             SSLSocket socket = lab.connectTls("h2", "http/1.1")) {
            assertEquals("http/1.1", socket.getApplicationProtocol());
            assertEquals(200, RawConnection.over(socket).get("/test1.jpg").status());
        }
    }

    @Test
    void theSelfSignedCertificateIsEcP256ForLocalhostAndBothLoopbackAddresses() throws Exception {
        try (TestLab lab = TestLab.startHttps(); SSLSocket socket = lab.connectTls("http/1.1")) {
            X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertEquals(lab.certificate(), served);
            ECPublicKey key = assertInstanceOf(ECPublicKey.class, served.getPublicKey());
            assertEquals(256, key.getParams().getCurve().getField().getFieldSize());
            List<String> names = served.getSubjectAlternativeNames().stream().map(san -> san.get(1).toString()).toList();
            assertTrue(names.contains("localhost") && names.contains("127.0.0.1")
                    && names.stream().anyMatch(n -> n.equals("0:0:0:0:0:0:0:1") || n.equals("::1")), names.toString());
            served.checkValidity();
        }
    }

    @Test
    void noKeepAliveClosesEveryHttpsResponseAndServesNoH2() throws Exception {
        ServerSettings settings = TestLab.httpsSettings().with(Setting.NO_KEEP_ALIVE, "true");
        try (TestLab lab = TestLab.start(Map.of("connection", "keep-alive"), settings); SSLSocket socket = lab.connectTls("h2", "http/1.1")) {
            assertEquals("http/1.1", socket.getApplicationProtocol(), "an HTTP/2 connection would persist");
            RawConnection connection = RawConnection.over(socket);
            RawResponse response = connection.get("/test1.jpg");
            assertEquals(200, response.status());
            assertEquals(Optional.of("close"), response.header("Connection"), response.toString());
            assertTrue(connection.awaitServerClose(CLOSE_WAIT));
        }
    }

    /** The cap counts connections over both connectors: a TLS client beyond it gets no handshake until one closes. */
    @Test
    void maxConnectionsCountsBothConnectors() throws Exception {
        ServerSettings settings = TestLab.httpsSettings().with(Setting.MAX_CONNECTIONS, "1");
        try (TestLab lab = TestLab.start(Map.of(), settings)) {
            CompletableFuture<SSLSocket> tls;
            try (RawConnection plain = lab.connect()) {
                assertEquals(200, plain.get("/test1.jpg").status());
                tls = CompletableFuture.supplyAsync(() -> {
                    try {
                        return lab.connectTls("http/1.1");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertThrows(TimeoutException.class, () -> tls.get(UNANSWERED.toMillis(), TimeUnit.MILLISECONDS),
                        "the TLS handshake was answered beyond the cap");
            }
            try (SSLSocket socket = tls.get(RawConnection.READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                assertEquals(200, RawConnection.over(socket).get("/test1.jpg").status(), "served once the plain connection closed");
            }
        }
    }
}
