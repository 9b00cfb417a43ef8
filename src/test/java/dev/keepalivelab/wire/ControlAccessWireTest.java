package dev.keepalivelab.wire;

import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.support.H2Client;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.Map;

import static dev.keepalivelab.support.ControlCall.json;
import static dev.keepalivelab.support.ControlCall.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Who may use the control API ({@code control}): a lab listening on every interface, called from this machine's
 * loopback address and from its first non-loopback one.
 */
class ControlAccessWireTest {
    @Test
    void loopbackAnswersThisMachineOnlyByDefault() throws Exception {
        InetAddress outside = nonLoopbackAddress();
        try (TestLab lab = startOnEveryInterface(Map.of())) {
            assertEquals(200, send(lab, "GET", "/control/faults", null).status(), "from 127.0.0.1");
            RawResponse refused = sendFrom(outside, lab, "GET", "/control/faults");
            assertEquals(403, refused.status(), refused.toString());
            String error = json(refused).get("error").asText();
            for (String mention : new String[] {"setting control is loopback", "came from " + outside.getHostAddress(), "--control"}) {
                assertTrue(error.contains(mention), "names " + mention + ": " + error);
            }
            assertEquals(403, sendFrom(outside, lab, "DELETE", "/control/record").status(), "every route");
            assertEquals(403, sendFrom(outside, lab, "GET", "/control/nothing").status(), "an unknown path too");
            assertEquals(200, sendFrom(outside, lab, "GET", "/connections").status(), "the record stays readable by anyone");
        }
    }

    @Test
    void onAnswersAnyClient() throws Exception {
        InetAddress outside = nonLoopbackAddress();
        try (TestLab lab = startOnEveryInterface(Map.of("control", "on"))) {
            assertEquals(200, sendFrom(outside, lab, "GET", "/control/faults").status());
        }
    }

    @Test
    void offRefusesLoopbackToo() throws Exception {
        try (TestLab lab = TestLab.start(Map.of("control", "off"))) {
            RawResponse refused = send(lab, "GET", "/control/faults", null);
            assertEquals(403, refused.status(), refused.toString());
            String error = json(refused).get("error").asText();
            assertTrue(error.contains("setting control is off") && error.contains("init-param control"), error);
        }
    }

    /**
     * What a web page in a browser on this machine can send (the reviewer's request): a simple cross-site POST, under
     * another name that resolves here. Each guard refuses it on its own, and the plain request from a test passes.
     */
    @Test
    void aWebPageCannotArmAFault() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); TestLab on = TestLab.start(Map.of("control", "on"))) {
            String arm = "{\"fault\": \"no-response\"}";
            RawResponse rebound = post(lab, "evil.example:18080", "text/plain", "http://evil.example:18080", arm);
            assertEquals(403, rebound.status(), rebound.toString());
            assertMentions(rebound, "names host evil.example:18080", "DNS rebinding", "setting control is loopback");
            RawResponse crossSite = post(lab, "localhost:" + lab.port(), "application/json", "http://evil.example", arm);
            assertEquals(403, crossSite.status(), crossSite.toString());
            assertMentions(crossSite, "Origin http://evil.example", "cross-site");
            RawResponse plainText = post(lab, "localhost:" + lab.port(), "text/plain", null, arm);
            assertEquals(415, plainText.status(), plainText.toString());
            assertMentions(plainText, "Unsupported Content-Type text/plain", "application/json");
            RawResponse ownPage = post(lab, "127.0.0.1:" + lab.port(), "application/json", "http://127.0.0.1:" + lab.port(),
                    "{\"fault\": \"delay=1ms\", \"paths\": [\"/nowhere\"]}");
            assertEquals(201, ownPage.status(), "the lab's own origin, a loopback host: " + ownPage);
            assertEquals(201, post(on, "lab.example:" + on.port(), "application/json", null, arm.replace("no-response", "delay=1ms"))
                    .status(), "with control on, any host");
            RawResponse onCrossSite = post(on, "lab.example:" + on.port(), "application/json", "http://evil.example", arm);
            assertEquals(403, onCrossSite.status(), "with control on, a cross-site page still cannot: " + onCrossSite);
            assertEquals(1, json(send(lab, "GET", "/control/faults", null)).get("faults").size(), "only the own page's fault was armed");
            assertEquals(1, json(send(on, "GET", "/control/faults", null)).get("faults").size(), "only the plain request's");
        }
    }

    /** Over HTTP/2 the host is {@code :authority}, which is no header: the same rule. */
    @Test
    void overHttp2TheAuthorityIsTheHost() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); H2Client h2 = H2Client.priorKnowledge(lab.port())) {
            H2Client.Response rebound = h2.getAt("evil.example:" + lab.port(), "/control/faults");
            assertEquals(403, rebound.status());
            String error = new String(rebound.body(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(error.contains("names host evil.example:" + lab.port()), error);
            assertEquals(200, h2.getAt("localhost:" + lab.port(), "/control/faults").status());
            assertEquals(200, h2.get("/control/faults").status(), "127.0.0.1");
        }
    }

    private static RawResponse post(TestLab lab, String host, String contentType, String origin, String body) throws Exception {
        try (RawConnection connection = RawConnection.open(lab.port())) {
            connection.send("POST /control/faults HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: " + contentType + "\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n") + "Content-Length: " + body.length() + "\r\n\r\n" + body);
            return connection.readResponse(false);
        }
    }

    private static void assertMentions(RawResponse response, String... mentions) throws Exception {
        String error = json(response).get("error").asText();
        for (String mention : mentions) {
            assertTrue(error.contains(mention), "names " + mention + ": " + error);
        }
    }

    @Test
    void forwardedHeadersDoNotMakeAClientLoopback() throws Exception {
        InetAddress outside = nonLoopbackAddress();
        try (TestLab lab = startOnEveryInterface(Map.of())) {
            RawResponse refused = sendFrom(outside, lab, "GET", "/control/faults", "X-Forwarded-For: 127.0.0.1", "Forwarded: for=127.0.0.1");
            assertEquals(403, refused.status(), refused.toString());
            assertMentions(refused, "came from " + outside.getHostAddress(), "not a loopback address");
        }
    }

    private static TestLab startOnEveryInterface(Map<String, String> initParams) throws Exception {
        return TestLab.start(initParams, ServerSettings.of("0.0.0.0", 0, TestLab.DEFAULT_IDLE_TIMEOUT)
                .with(Setting.ENGINE, TestLab.ENGINE.value()));
    }

    /** A request from {@code address} to the lab at that same address: a client that is not loopback. */
    private static RawResponse sendFrom(InetAddress address, TestLab lab, String method, String path, String... headerLines)
            throws Exception {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(address, 0));
        socket.connect(new InetSocketAddress(address, lab.port()), (int) RawConnection.READ_TIMEOUT.toMillis());
        try (RawConnection connection = RawConnection.over(socket)) {
            if (headerLines.length == 0) {
                return send(connection, method, path, null);
            }
            return connection.exchange(method, path, "HTTP/1.1", headerLines);
        }
    }

    /** This machine's first non-loopback IPv4 address that is up; under CI=true a machine without one fails the test. */
    private static InetAddress nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        return address;
                    }
                }
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("This machine has no non-loopback IPv4 address that is up: the control API's loopback rule cannot be tested here");
        }
        assumeTrue(false, "no non-loopback IPv4 address on this machine");
        return null;
    }
}
