package dev.keepalivelab.tls;

import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.support.H2Client;
import dev.keepalivelab.support.LabWar;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.eclipse.jetty.http2.frames.SettingsFrame;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP/2 on the wire with Jetty's frame-level client: h2 over TLS, h2c by prior knowledge and by Upgrade, off. */
class Http2WireTest {
    /** A client's empty HTTP2-Settings header value for an h2c upgrade (no settings: the defaults). */
    static final String EMPTY_HTTP2_SETTINGS = "";
    static final byte SETTINGS_FRAME_TYPE = 0x4;

    @Test
    void aGetOverH2ReturnsThePicture() throws Exception {
        try (TestLab lab = TestLab.startHttps(); H2Client h2 = H2Client.overTls(lab)) {
            H2Client.Response response = h2.get("/test1.jpg");
            assertEquals(200, response.status());
            assertEquals("image/jpeg", response.headers().get("Content-Type"));
            assertArrayEquals(LabWar.picture(), response.body());
            assertFalse(response.headers().contains("Connection"), "HTTP/2 forbids connection headers: " + response.headers());
            assertEquals(200, h2.get("/test2.jpg").status(), "a second stream on the same session");
        }
    }

    @Test
    void h2cByPriorKnowledgeOnThePlainPortReturnsThePicture() throws Exception {
        try (TestLab lab = TestLab.startHttps(); H2Client h2c = H2Client.priorKnowledge(lab.port())) {
            H2Client.Response response = h2c.get("/test1.jpg");
            assertEquals(200, response.status());
            assertArrayEquals(LabWar.picture(), response.body());
        }
    }

    @Test
    void h2cUpgradeOnThePlainPortSwitchesProtocols() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            connection.send("GET /test1.jpg HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                    + "Upgrade: h2c\r\nHTTP2-Settings: " + EMPTY_HTTP2_SETTINGS + "\r\n\r\n");
            String head = connection.readHead();
            assertTrue(head.startsWith("HTTP/1.1 101 "), head);
            assertTrue(head.toLowerCase(Locale.ROOT).contains("\r\nupgrade: h2c"), head);
            byte[] frameHeader = connection.readExactly(9);
            assertEquals(SETTINGS_FRAME_TYPE, frameHeader[3], "the server's first HTTP/2 frame is its SETTINGS");
        }
    }

    @Test
    void theServerAnnouncesMaxConcurrentStreamsOnBothPorts() throws Exception {
        ServerSettings settings = TestLab.httpsSettings().with(Setting.MAX_CONCURRENT_STREAMS, "7");
        try (TestLab lab = TestLab.start(Map.of(), settings);
             H2Client h2 = H2Client.overTls(lab); H2Client h2c = H2Client.priorKnowledge(lab.port())) {
            assertEquals(7, h2.serverSettings().get(SettingsFrame.MAX_CONCURRENT_STREAMS));
            assertEquals(7, h2c.serverSettings().get(SettingsFrame.MAX_CONCURRENT_STREAMS));
        }
        try (TestLab lab = TestLab.startHttps(); H2Client h2 = H2Client.overTls(lab)) {
            assertEquals(ServerSettings.DEFAULT_MAX_CONCURRENT_STREAMS, h2.serverSettings().get(SettingsFrame.MAX_CONCURRENT_STREAMS));
        }
    }

    @Test
    void http2OffRefusesPriorKnowledgeAndIgnoresTheUpgrade() throws Exception {
        try (TestLab lab = TestLab.start(Map.of(), TestLab.httpsSettings().with(Setting.HTTP2, "off"))) {
            try (H2Client h2c = H2Client.priorKnowledge(lab.port())) {
                assertThrows(ExecutionException.class, h2c::serverSettings, "the server must not answer the preface with SETTINGS");
            }
            try (RawConnection connection = lab.connect()) {
                connection.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
                RawResponse refused = connection.readResponse(false);
                assertEquals(426, refused.status(), refused.toString());
            }
            try (RawConnection connection = lab.connect()) {
                RawResponse response = connection.get("/test1.jpg", "Connection: Upgrade, HTTP2-Settings", "Upgrade: h2c",
                        "HTTP2-Settings: " + EMPTY_HTTP2_SETTINGS);
                assertEquals(200, response.status(), "served over HTTP/1.1, the upgrade ignored: " + response);
                assertArrayEquals(LabWar.picture(), response.body());
            }
        }
    }
}
