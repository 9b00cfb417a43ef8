package dev.keepalivelab.cli;

import dev.keepalivelab.server.LabServer;
import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocket;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lines the main prints once it listens: scripts parse the first, people copy the Chromium flag. */
class StartBannerTest {
    static final Pattern FINGERPRINT = Pattern.compile("SHA-256 SPKI fingerprint \\(base64\\): ([A-Za-z0-9+/]{43}=)$");

    @Test
    void withoutHttpsTheLineIsTodaysExactly() {
        assertEquals(List.of("keepalive-lab listening on http://0.0.0.0:8080/"),
                StartBanner.lines("0.0.0.0", 8080, OptionalInt.empty(), OptionalInt.empty(), Optional.empty()));
        assertEquals(List.of("keepalive-lab listening on http://[::1]:8080/"),
                StartBanner.lines("::1", 8080, OptionalInt.empty(), OptionalInt.empty(), Optional.empty()));
    }

    /** The first line stays what scripts parse; the HTTP/1.1-only listener gets its own line after it. */
    @Test
    void theHttp1OnlyListenerHasALineOfItsOwn() throws Exception {
        try (TestLab lab = TestLab.start(java.util.Map.of(), TestLab.httpsSettings().with(Setting.HTTPS_HTTP1_PORT, "0"))) {
            int http1 = LabServer.httpsHttp1Port(lab.server()).orElseThrow();
            List<String> lines = StartBanner.lines("127.0.0.1", lab.port(), LabServer.httpsPort(lab.server()),
                    LabServer.httpsHttp1Port(lab.server()), LabServer.tlsKeys(lab.server()));
            assertEquals("keepalive-lab listening on http://127.0.0.1:" + lab.port() + "/ and https://127.0.0.1:" + lab.httpsPort() + "/",
                    lines.get(0));
            assertEquals("keepalive-lab HTTPS with HTTP/1.1 only on https://127.0.0.1:" + http1 + "/", lines.get(1));
            assertEquals(4, lines.size(), lines.toString());
        }
    }

    @Test
    void withHttpsOneLineNamesBothActualPortsAndTheCertificateFollows() throws Exception {
        try (TestLab lab = TestLab.startHttps()) {
            List<String> lines = StartBanner.lines("127.0.0.1", lab.port(), LabServer.httpsPort(lab.server()),
                    OptionalInt.empty(), LabServer.tlsKeys(lab.server()));
            assertEquals("keepalive-lab listening on http://127.0.0.1:" + lab.port() + "/ and https://127.0.0.1:" + lab.httpsPort() + "/",
                    lines.get(0));
            assertEquals(3, lines.size(), lines.toString());
            Matcher m = FINGERPRINT.matcher(lines.get(1));
            assertTrue(m.find(), lines.get(1));
            assertTrue(lines.get(1).startsWith("keepalive-lab certificate: self-signed for localhost, 127.0.0.1, ::1;"), lines.get(1));
            String printed = m.group(1);
            assertTrue(lines.get(2).contains("--user-data-dir") && lines.get(2).endsWith("--ignore-certificate-errors-spki-list=" + printed),
                    lines.get(2));
            try (SSLSocket socket = lab.connectTls("http/1.1")) {
                X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
                String servedSpki = Base64.getEncoder().encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(served.getPublicKey().getEncoded()));
                assertEquals(servedSpki, printed, "the fingerprint printed is the served certificate's");
            }
        }
    }
}
