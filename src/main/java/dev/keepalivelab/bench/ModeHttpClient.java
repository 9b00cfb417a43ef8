package dev.keepalivelab.bench;

import dev.keepalivelab.options.LabVersion;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.Invocable;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Jetty HttpClient of one client mode: HTTP/1.1 with at most {@code parallel} connections per destination, or
 * HTTP/2 with one; over TLS when given the mode's TLS; connecting to the RTT proxy instead of the page's host when
 * given one. The tracker sees every connection it opens.
 */
final class ModeHttpClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private ModeHttpClient() {
    }

    static HttpClient start(ClientMode mode, int parallel, Optional<InetSocketAddress> connectTo, Optional<ModeTls> tls,
                            ConnectionTracker tracker) throws Exception {
        ClientConnector connector = new ClientConnector();
        connector.setConnectTimeout(CONNECT_TIMEOUT);
        tls.ifPresent(modeTls -> connector.setSslContextFactory(modeTls.sslContextFactory()));
        HttpClientTransport transport;
        if (mode.http2()) {
            HTTP2Client http2 = new HTTP2Client(connector);
            http2.addBean(tracker);
            transport = new Http2TransportFinishingStreams(http2);
        } else {
            transport = new HttpClientTransportOverHTTP(connector);
        }
        // The bench's listeners only take the time and buffer: they may run on the thread that reads the frames.
        transport.setInvocationType(Invocable.InvocationType.NON_BLOCKING);
        HttpClient client = new HttpClient(transport);
        client.addBean(tracker);
        client.setMaxConnectionsPerDestination(mode.http2() ? 1 : parallel);
        client.setMaxRequestsQueuedPerDestination(100_000);
        client.setFollowRedirects(false);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "keepalive-lab-bench/" + LabVersion.get()));
        // Jetty takes the TLS engine's peer host (SNI, the certificate's name check) from the address it connects to.
        connectTo.ifPresent(proxy -> client.setSocketAddressResolver((host, port, context, promise) -> {
            try {
                promise.succeeded(List.of(underHostName(proxy, host)));
            } catch (UnknownHostException e) {
                promise.failed(e);
            }
        }));
        client.start();
        return client;
    }

    /** The proxy's address, named {@code host}: where to connect, and whom the TLS handshake is with. */
    static InetSocketAddress underHostName(InetSocketAddress proxy, String host) throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByAddress(host, proxy.getAddress().getAddress()), proxy.getPort());
    }
}
