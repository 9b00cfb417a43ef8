package dev.keepalivelab.wire;

import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.settings.Setting;
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

    private static TestLab startOnEveryInterface(Map<String, String> initParams) throws Exception {
        return TestLab.start(initParams, ServerSettings.of("0.0.0.0", 0, TestLab.DEFAULT_IDLE_TIMEOUT)
                .with(Setting.ENGINE, TestLab.ENGINE.value()));
    }

    /** A request from {@code address} to the lab at that same address: a client that is not loopback. */
    private static RawResponse sendFrom(InetAddress address, TestLab lab, String method, String path) throws Exception {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(address, 0));
        socket.connect(new InetSocketAddress(address, lab.port()), (int) RawConnection.READ_TIMEOUT.toMillis());
        try (RawConnection connection = RawConnection.over(socket)) {
            return send(connection, method, path, null);
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
