package dev.keepalivelab.servlet;

import dev.keepalivelab.server.LabServer;
import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.HeadlessChromium;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Headless Chromium over HTTPS, trusting the lab's self-signed certificate by its SPKI fingerprint: from the plain
 * page, one click each reaches HTTP/2 (one connection), HTTP/1.1 keep-alive over TLS (at most 6) and HTTP/1.1 close
 * over TLS (21), and what the browser's Resource Timing says of the protocol is what the server recorded.
 */
class BrowserHttpsConnectionMapIT {
    static final int IMAGES = 20;
    static final int CHROMIUM_CONNECTIONS_PER_HOST = 6;

    static TestLab lab;
    static HeadlessChromium browser;

    @BeforeAll
    static void start(@TempDir Path profile) throws Exception {
        lab = TestLab.start(Map.of(), TestLab.httpsSettings().with(Setting.HTTPS_HTTP1_PORT, "0"));
        String spki = LabServer.tlsKeys(lab.server()).orElseThrow().spkiFingerprint();
        browser = HeadlessChromium.start(profile, "--ignore-certificate-errors-spki-list=" + spki);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void http2CarriesThePageLoadOverOneConnection() throws Exception {
        PageLoad load = clickThrough("HTTP/2", "https-h2");
        assertEquals(Set.of("h2"), load.serverProtocols());
        assertEquals(Set.of("h2"), load.browserProtocols(), "Resource Timing's nextHopProtocol");
        assertEquals(1, load.serverConnections(), "the page and its images as streams of one connection");
        assertEquals(IMAGES + " images over 1 connection (HTTP/2: " + IMAGES + " streams)", load.verdict());
    }

    @Test
    void http11KeepAliveOverTlsUsesAtMostSixConnections() throws Exception {
        PageLoad load = clickThrough("HTTP/1.1 keep-alive", "https-http1-keep-alive");
        assertEquals(Set.of("http/1.1"), load.serverProtocols());
        assertEquals(Set.of("http/1.1"), load.browserProtocols());
        assertTrue(load.serverConnections() >= 1 && load.serverConnections() <= CHROMIUM_CONNECTIONS_PER_HOST, load.toString());
        assertTrue(load.verdict().endsWith("connections (HTTP/1.1)") || load.verdict().endsWith("connection (HTTP/1.1)"), load.verdict());
    }

    @Test
    void http11CloseOverTlsPaysAHandshakePerImage() throws Exception {
        PageLoad load = clickThrough("HTTP/1.1 close (a TCP and a TLS handshake per image)", "https-http1-close");
        assertEquals(Set.of("http/1.1"), load.serverProtocols());
        assertEquals(Set.of("http/1.1"), load.browserProtocols());
        assertEquals(IMAGES + 1, load.serverConnections(), "the page and every image on a connection of its own");
        // Connections an earlier page load left open may carry some images (the record says which): those are not new.
        int kept = load.imagesOnKeptConnections();
        assertEquals(IMAGES + " images over " + IMAGES + " connections (HTTP/1.1)" + (kept == 0
                ? ": every image paid for a new TCP handshake and a TLS handshake"
                : ": " + kept + (kept == 1 ? " image came" : " images came") + " on a connection kept open from before"), load.verdict());
    }

    /**
     * @param serverProtocols  the protocols of the connections the server recorded for the page load
     * @param browserProtocols the images' {@code nextHopProtocol}s in Resource Timing
     * @param imagesOnKeptConnections the images that came on a connection an earlier page load left open
     */
    record PageLoad(String verdict, int serverConnections, Set<String> serverProtocols, Set<String> browserProtocols,
                    int imagesOnKeptConnections) {
    }

    /** Opens the plain page, clicks the protocol link named {@code link} and reads the page load it leads to. */
    PageLoad clickThrough(String link, String screenshot) throws Exception {
        assertEquals("true", browser.open("http://127.0.0.1:" + lab.port() + "/"), browser.text(By.id("verdict")));
        browser.driver().findElement(By.id("protocols")).findElement(By.linkText(link)).click();
        assertEquals("true", browser.awaitMap(), "the map failed: " + browser.text(By.id("verdict")));
        browser.screenshot("connection-map-" + screenshot);
        @SuppressWarnings("unchecked")
        List<String> browserProtocols = (List<String>) browser.script("return performance.getEntriesByType('resource')"
                + ".filter((e) => e.initiatorType === 'img').map((e) => e.nextHopProtocol);");
        assertEquals(IMAGES, browserProtocols.size());
        String load = browser.bodyData("load");
        try (RawConnection connection = lab.connect()) {
            Connections json = Connections.parse(connection.get("/connections?load=" + load).body());
            assertEquals(IMAGES + 1, json.requests().size(), "the page and its images: " + json);
            Set<String> labels = new HashSet<>();
            json.requests().forEach(r -> labels.add(r.connection()));
            Set<String> protocols = new HashSet<>();
            json.connections().forEach(c -> {
                assertTrue(c.tls(), c.toString());
                protocols.add(c.protocol());
            });
            int kept = (int) json.requests().stream().filter(r -> !r.path().equals("/") && r.index() > 1).count();
            return new PageLoad(browser.text(By.id("verdict")), labels.size(), protocols, new HashSet<>(browserProtocols), kept);
        }
    }
}
