package dev.keepalivelab.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ModeHttpClientTest {
    /** Jetty names the TLS engine's peer after the address it connects to: through the RTT proxy, that must still be the page's host. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"example.test", "localhost", "127.0.0.1"})
    void throughTheProxyTheAddressKeepsThePagesHostName(String host) throws Exception {
        InetSocketAddress proxy = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_000);
        InetSocketAddress address = ModeHttpClient.underHostName(proxy, host);
        assertEquals(host, address.getHostString());
        assertEquals(proxy.getAddress(), address.getAddress());
        assertEquals(proxy.getPort(), address.getPort());
    }
}
